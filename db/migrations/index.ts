import * as foundation from './2026-11-24-1400_foundation';
import * as registry from './2026-11-24-1500_registry';
import * as appeals from './2026-11-25-1000_appeals';
import * as inboxIndexes from './2026-11-25-1200_inbox_indexes';
import * as mail from './2026-11-25-1300_mail';
import * as templates from './2026-11-25-1400_templates';
import * as calls from './2026-11-25-1500_calls';
import * as letterhead from './2026-11-25-1700_letterhead';
import * as styleLexicon from './2026-11-25-1600_style_lexicon';
import * as webforms from './2026-11-25-1800_webforms';
import * as deadlines from './2026-11-25-1900_deadlines';
import * as mailThreadIndex from './2026-11-25-2010_mail_thread_index';
import * as surveys from './2026-11-26-1000_surveys';
import * as metrics from './2026-11-26-1100_metrics';
import * as painmap from './2026-11-26-1200_painmap';
import * as surveysMore from './2026-11-26-1050_surveys_more';
import * as presence from './2026-11-26-1500_presence';
import * as inboxScopeIndexes from './2026-11-26-1510_inbox_scope_indexes';
import * as deadlinesMore from './2026-11-26-1600_deadlines_more';
import * as personalData from './2026-11-26-1400_personal_data';
import * as security from './2026-11-26-1410_security';
import * as searchEmailWords from './2026-11-26-1700_search_email_words';

/** Every migration, in order; names are frozen once released. */
export const migrations = {
  '2026-11-24-1400_foundation': foundation,
  '2026-11-24-1500_registry': registry,
  '2026-11-25-1000_appeals': appeals,
  '2026-11-25-1200_inbox_indexes': inboxIndexes,
  '2026-11-25-1300_mail': mail,
  '2026-11-25-1400_templates': templates,
  '2026-11-25-1500_calls': calls,
  '2026-11-25-1700_letterhead': letterhead,
  '2026-11-25-1600_style_lexicon': styleLexicon,
  '2026-11-25-1800_webforms': webforms,
  '2026-11-25-1900_deadlines': deadlines,
  '2026-11-25-2010_mail_thread_index': mailThreadIndex,
  '2026-11-26-1000_surveys': surveys,
  '2026-11-26-1100_metrics': metrics,
  '2026-11-26-1200_painmap': painmap,
  '2026-11-26-1050_surveys_more': surveysMore,
  '2026-11-26-1500_presence': presence,
  '2026-11-26-1510_inbox_scope_indexes': inboxScopeIndexes,
  '2026-11-26-1600_deadlines_more': deadlinesMore,
  '2026-11-26-1400_personal_data': personalData,
  '2026-11-26-1410_security': security,
  '2026-11-26-1700_search_email_words': searchEmailWords,
};
