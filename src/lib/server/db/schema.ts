import type { Generated, Insertable, Selectable } from 'kysely';

/** Timestamps are ISO-8601 UTC strings in both SQLite and PostgreSQL; booleans are 0/1. */
export type IsoTime = string;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  position: string | null;
  password_hash: string;
  locale: string;
  active: number;
  failed_logins: number;
  locked_until: IsoTime | null;
  created_at: IsoTime;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: IsoTime;
  expires_at: IsoTime;
  last_seen_at: IsoTime;
  user_agent: string | null;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  parent_id: number | null;
  created_at: IsoTime;
}

export interface UserUnitsTable {
  user_id: number;
  unit_id: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: IsoTime;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string | null;
}

export interface ActivityAreasTable {
  id: Generated<number>;
  name: string;
  client_kind: string;
  position: number;
  created_at: IsoTime;
}

export interface ProcessesTable {
  id: Generated<number>;
  area_id: number;
  name: string;
  unit_id: number | null;
  client_kind: string;
  created_at: IsoTime;
}

export interface TouchpointsTable {
  id: Generated<number>;
  name: string;
  mode: string;
  channel: string;
  address: string | null;
  description: string | null;
  created_at: IsoTime;
}

export interface RegistryRowsTable {
  id: Generated<number>;
  process_id: number;
  touchpoint_id: number;
  /** JSON array of need codes. */
  needs: string;
  needs_other: string | null;
  specifics: string | null;
  updated_at: IsoTime;
}

export interface RegistryVersionsTable {
  id: Generated<number>;
  number: number;
  approved_at: IsoTime;
  approved_by: number | null;
  publish_due: IsoTime;
  published_at: IsoTime | null;
  published_by: number | null;
  /** JSON: the approved proposals in short form. */
  summary: string;
  /** JSON: every row of the registry as approved, denormalised. */
  snapshot: string;
}

export interface RegistryProposalsTable {
  id: Generated<number>;
  kind: string;
  reason: string;
  reason_text: string | null;
  row_id: number | null;
  /** JSON: the proposed row. */
  payload: string;
  status: string;
  proposed_by: number | null;
  proposed_at: IsoTime;
  reviewed_by: number | null;
  reviewed_at: IsoTime | null;
  review_comment: string | null;
  version_id: number | null;
}

export interface CalendarOverridesTable {
  date: string;
  kind: string;
  note: string | null;
  updated_at: IsoTime;
}

export interface ClientsTable {
  id: Generated<number>;
  surname: string | null;
  first_name: string | null;
  patronymic: string | null;
  organization: string | null;
  segment: string;
  /** JSON array of accessibility needs. */
  accessibility: string;
  accessibility_note: string | null;
  preferred_channel: string | null;
  merged_into: number | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface ClientContactsTable {
  id: Generated<number>;
  client_id: number;
  kind: string;
  value: string;
  created_at: IsoTime;
}

export interface ClientMergesTable {
  id: Generated<number>;
  source_id: number;
  target_id: number;
  /** JSON: { contacts: number[]; appeals: number[] } */
  moved: string;
  merged_by: number | null;
  merged_at: IsoTime;
  undone_by: number | null;
  undone_at: IsoTime | null;
}

export interface AppealCountersTable {
  year: number;
  last: number;
}

export interface AppealsTable {
  id: Generated<number>;
  number: string;
  client_id: number;
  touchpoint_id: number;
  process_id: number | null;
  channel: string;
  subject: string;
  status: string;
  priority: string;
  assignee_id: number | null;
  unit_id: number | null;
  created_at: IsoTime;
  updated_at: IsoTime;
  last_activity_at: IsoTime;
  first_response_at: IsoTime | null;
  answered_at: IsoTime | null;
  closed_at: IsoTime | null;
  ack_due_at: IsoTime | null;
  first_response_due_at: IsoTime | null;
  answer_due_at: IsoTime | null;
  tracking_token: string | null;
  /** The client's language (ru, en), when the channel knows it. */
  language: string | null;
}

export interface InteractionsTable {
  id: Generated<number>;
  appeal_id: number;
  direction: string;
  kind: string;
  author_id: number | null;
  touchpoint_id: number | null;
  at: IsoTime;
  subject: string | null;
  text: string | null;
  /** JSON object. */
  meta: string;
  external_id: string | null;
}

export interface AttachmentsTable {
  id: Generated<number>;
  interaction_id: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string | null;
  notice: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  interaction_id: number;
  channel: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: IsoTime;
  last_error: string | null;
  created_at: IsoTime;
  sent_at: IsoTime | null;
  message_id: string | null;
  mailbox_id: number | null;
}

export interface MailboxesTable {
  id: Generated<number>;
  address: string;
  display_name: string | null;
  touchpoint_id: number;
  imap_host: string;
  imap_port: number;
  imap_tls: number;
  imap_user: string;
  /** Encrypted. */
  imap_password: string;
  imap_folder: Generated<string>;
  sent_folder: string | null;
  smtp_host: string;
  smtp_port: number;
  smtp_tls: number;
  smtp_user: string | null;
  /** Encrypted. */
  smtp_password: string | null;
  active: Generated<number>;
  state: Generated<string>;
  last_error: string | null;
  last_error_at: IsoTime | null;
  last_fetch_at: IsoTime | null;
  uid_validity: string | null;
  last_uid: Generated<number>;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface AckLogTable {
  address: string;
  sent_at: IsoTime;
}

export interface TemplatesTable {
  id: Generated<number>;
  kind: string;
  title: string;
  body: string;
  status: string;
  version: Generated<number>;
  /** JSON array. */
  channels: Generated<string>;
  /** JSON array. */
  tags: Generated<string>;
  owner_id: number | null;
  review_by: string | null;
  created_at: IsoTime;
  updated_at: IsoTime;
  published_at: IsoTime | null;
}

export interface TemplateProcessesTable {
  template_id: number;
  process_id: number;
}

export interface TemplateTouchpointsTable {
  template_id: number;
  touchpoint_id: number;
}

export interface TemplateVersionsTable {
  id: Generated<number>;
  template_id: number;
  version: number;
  title: string;
  body: string;
  status: string;
  created_by: number | null;
  created_at: IsoTime;
}

export interface TemplateUsageTable {
  template_id: number;
  appeal_id: number | null;
  touchpoint_id: number | null;
  user_id: number | null;
  used_at: IsoTime;
}

export interface TelephonyLinesTable {
  id: Generated<number>;
  name: string;
  number: string;
  touchpoint_id: number;
  default_user_id: number | null;
  /** SHA-256 hex of the bearer token. */
  token_hash: string;
  token_hint: string;
  active: Generated<number>;
  created_by: number | null;
  created_at: IsoTime;
  token_rotated_at: IsoTime | null;
  last_event_at: IsoTime | null;
}

export interface TelephonyAgentsTable {
  extension: string;
  user_id: number;
  created_at: IsoTime;
}

export interface CallsTable {
  id: Generated<number>;
  pbx_call_id: string | null;
  line_id: number | null;
  touchpoint_id: number | null;
  caller_number: string | null;
  caller_phone: string | null;
  client_id: number | null;
  appeal_id: number | null;
  operator_id: number | null;
  phase: string;
  routed_to: string | null;
  routed_at: IsoTime | null;
  started_at: IsoTime;
  answered_at: IsoTime | null;
  ended_at: IsoTime | null;
  duration_sec: number | null;
  process_id: number | null;
  topic: string | null;
  notes: string | null;
  outcome: string | null;
  callback_at: IsoTime | null;
  callback_owner_id: number | null;
  callback_done_at: IsoTime | null;
  callback_done_call_id: number | null;
  chk_greeted: Generated<number>;
  chk_asked_name: Generated<number>;
  chk_used_name: Generated<number>;
  chk_clarified: Generated<number>;
  chk_solution: Generated<number>;
  /** JSON object. */
  draft: string | null;
  logged_at: IsoTime | null;
  logged_by: number | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface CallTransfersTable {
  id: Generated<number>;
  call_id: number;
  seq: number;
  at: IsoTime;
  to_user_id: number | null;
  to_unit_id: number | null;
  to_text: string | null;
  reason: string | null;
  breach: Generated<number>;
  source: string;
  by_user_id: number | null;
}

export interface TelephonyEventsTable {
  id: Generated<number>;
  line_id: number;
  pbx_call_id: string;
  event: string;
  at: IsoTime;
  /** JSON: the event as received. */
  payload: string;
  received_at: IsoTime;
  call_id: number | null;
}

export interface StyleLexiconRevisionsTable {
  id: Generated<number>;
  revision: number;
  /** JSON AgencyLexicon. */
  lexicon: string;
  summary: string | null;
  created_by: number | null;
  created_at: IsoTime;
}

export interface DeadlinePoliciesTable {
  id: Generated<number>;
  name: string;
  channel: string | null;
  touchpoint_id: number | null;
  process_id: number | null;
  segment: string | null;
  basis: string;
  ack_amount: number | null;
  ack_unit: string | null;
  first_amount: number | null;
  first_unit: string | null;
  answer_amount: number | null;
  answer_unit: string | null;
  extension_days: number | null;
  forward_days: number | null;
  /** appeal | comment | mention | oral; null matches any. */
  message_kind: string | null;
  /** 8-FZ: days from registration to announce a deferral. */
  notice_days: number | null;
  active: Generated<number>;
  updated_at: IsoTime;
}

export interface DeadlineSettingsTable {
  id: number;
  office_start: Generated<number>;
  office_end: Generated<number>;
  warn_share: Generated<number>;
  routing_strategy: Generated<string>;
  holdout_share: Generated<number>;
  updated_at: IsoTime;
}

export interface AppealDeadlinesTable {
  appeal_id: number;
  policy_id: number | null;
  basis: string | null;
  started_at: IsoTime;
  paused_since: IsoTime | null;
  pauses: Generated<string>;
  paused_ms: Generated<number>;
  extension_days: Generated<number>;
  extension_reason: string | null;
  extended_at: IsoTime | null;
  forwarded_to: string | null;
  forwarded_at: IsoTime | null;
  disposition: string | null;
  warned_at: IsoTime | null;
  breached_at: IsoTime | null;
  over_ms: number | null;
  breach_settled_at: IsoTime | null;
  decisions: Generated<string>;
  message_kind: string | null;
  forward_due_at: IsoTime | null;
  forward_done_at: IsoTime | null;
  forward_warned_at: IsoTime | null;
  forward_breached_at: IsoTime | null;
  forward_over_ms: number | null;
}

export interface NoticeTemplatesTable {
  notice: string;
  template_id: number | null;
  updated_at: IsoTime;
}

export interface ClassifyRulesTable {
  id: Generated<number>;
  keyword: string;
  process_id: number | null;
  priority: string | null;
  position: Generated<number>;
  active: Generated<number>;
  updated_at: IsoTime;
}

export interface ClassifierModelsTable {
  id: Generated<number>;
  trained_at: IsoTime;
  samples: number;
  accuracy: number | null;
  model: string;
  holdout_count: number | null;
  holdout_accuracy: number | null;
}

export interface ClassifySignalsTable {
  id: Generated<number>;
  appeal_id: number;
  suggested_process_id: number | null;
  process_id: number;
  kind: string;
  user_id: number | null;
  at: IsoTime;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  position: Generated<number>;
  process_id: number | null;
  touchpoint_id: number | null;
  segment: string | null;
  priority: string | null;
  unit_id: number | null;
  user_id: number | null;
  active: Generated<number>;
  updated_at: IsoTime;
}

export interface RoutingCursorTable {
  unit_id: number;
  last_user_id: number | null;
}

export interface LetterheadSettingsTable {
  id: number;
  agency_name: string | null;
  emblem_sha256: string | null;
  emblem_type: string | null;
  requisites: Generated<string>;
  signatory_name: Generated<string>;
  signatory_position: Generated<string>;
  number_prefix: Generated<string>;
  updated_by: number | null;
  updated_at: IsoTime;
}

export interface LetterCountersTable {
  year: number;
  last: number;
}

export interface OutgoingLettersTable {
  id: Generated<number>;
  year: number;
  seq: number;
  number: string;
  appeal_id: number | null;
  addressee: string;
  signatory: string;
  file_sha256: string | null;
  created_by: number | null;
  created_at: IsoTime;
}

export interface WebformsTable {
  id: Generated<number>;
  touchpoint_id: number;
  slug: string;
  active: number;
  /** JSON: [{ key, enabled, required, hint }]. */
  fields: string;
  intro: string;
  thanks: string;
  /** JSON array of process ids. */
  process_ids: string;
  /** JSON array of origins. */
  embed_origins: string;
  policy_url: string;
  updated_by: number | null;
  updated_at: IsoTime;
}

export interface WebformSubmissionsTable {
  id: Generated<number>;
  address: string;
  at: IsoTime;
}

export interface QuestionnairesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  intro: string;
  /** JSON: [{ key, kind: 'rating' | 'yesno' | 'choice' | 'text', label, options?, required }] */
  questions: string;
  kind: 'reply' | 'public';
  active: number;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface SurveyLinksTable {
  token: string;
  appeal_id: number;
  interaction_id: number | null;
  call_id: number | null;
  touchpoint_id: number;
  process_id: number | null;
  unit_id: number | null;
  operator_id: number | null;
  channel: string;
  created_at: IsoTime;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  questionnaire_id: number;
  link_token: string | null;
  appeal_id: number | null;
  touchpoint_id: number | null;
  process_id: number | null;
  unit_id: number | null;
  operator_id: number | null;
  channel: string | null;
  /** 1–5. */
  rating: number | null;
  /** 1 resolved, 0 not, null not asked. */
  resolved: number | null;
  comment: string | null;
  /** JSON object: question key → answer. */
  answers: string;
  created_at: IsoTime;
  updated_at: IsoTime;
  editable_until: IsoTime;
}

export interface PresenceTable {
  socket_id: string;
  user_id: number;
  node_id: string;
  state: 'online' | 'away';
  appeal_id: number | null;
  typing_at: IsoTime | null;
  seen_at: IsoTime;
  gone_at: IsoTime | null;
}

export interface SurveyPendingLinksTable {
  appeal_id: number;
  token: string;
  created_at: IsoTime;
}

export interface PainPointSettingsTable {
  pain_key: string;
  touchpoint_id: number;
  process_id: number | null;
  /** 1 легко, 2 средне, 3 сложно (seed 003 §3.6). */
  fixability: number | null;
  note: string | null;
  updated_by: number | null;
  updated_at: IsoTime;
}

export interface ImprovementActionsTable {
  id: Generated<number>;
  pain_key: string;
  touchpoint_id: number;
  process_id: number | null;
  title: string;
  description: Generated<string>;
  owner_id: number;
  /** YYYY-MM-DD. */
  due_date: string;
  /** planned | in_progress | done */
  status: Generated<string>;
  created_by: number | null;
  created_at: IsoTime;
  updated_at: IsoTime;
  done_at: IsoTime | null;
}

/** Issue 12: key columns of the daily roll-up; the measure columns (see domain/metrics/measures) are read and written through metrics.queries. */
export interface MetricsDailyTable {
  day: string;
  touchpoint_id: number;
  process_id: number;
  unit_id: number;
  operator_id: number;
  channel: string;
}

export interface MetricsDailyDimTable {
  dim: string;
  day: string;
  dim_key: string;
}

export interface MetricsStateTable {
  key: string;
  value: string;
  updated_at: IsoTime;
}

export interface MetricsSettingsTable {
  id: number;
  max_breach_share: number;
  min_satisfaction: number;
  min_responses: number;
  window_days: number;
  updated_by: number | null;
  updated_at: IsoTime;
}

export interface PrivacySettingsTable {
  id: number;
  retention_years: Generated<number>;
  last_retention_at: IsoTime | null;
  updated_by: number | null;
  updated_at: IsoTime;
}

export interface ClientAccessLogTable {
  id: Generated<number>;
  at: IsoTime;
  user_id: number | null;
  client_id: number;
  appeal_id: number | null;
  /** appeal.view | attachment.open | client.export */
  action: string;
}

export interface AnonymizedAppealsTable {
  appeal_id: number;
  at: IsoTime;
}

export interface RateLimitHitsTable {
  id: Generated<number>;
  bucket: string;
  key: string;
  at: IsoTime;
}

export interface AnonymizedClientsTable {
  client_id: number;
  at: IsoTime;
}

export interface Database {
  privacy_settings: PrivacySettingsTable;
  client_access_log: ClientAccessLogTable;
  anonymized_appeals: AnonymizedAppealsTable;
  anonymized_clients: AnonymizedClientsTable;
  rate_limit_hits: RateLimitHitsTable;
  metrics_daily: MetricsDailyTable;
  metrics_daily_dim: MetricsDailyDimTable;
  metrics_state: MetricsStateTable;
  metrics_settings: MetricsSettingsTable;
  pain_point_settings: PainPointSettingsTable;
  improvement_actions: ImprovementActionsTable;
  survey_pending_links: SurveyPendingLinksTable;
  presence: PresenceTable;
  questionnaires: QuestionnairesTable;
  survey_links: SurveyLinksTable;
  survey_responses: SurveyResponsesTable;
  webforms: WebformsTable;
  webform_submissions: WebformSubmissionsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  units: UnitsTable;
  user_units: UserUnitsTable;
  audit_log: AuditLogTable;
  activity_areas: ActivityAreasTable;
  processes: ProcessesTable;
  touchpoints: TouchpointsTable;
  registry_rows: RegistryRowsTable;
  registry_versions: RegistryVersionsTable;
  registry_proposals: RegistryProposalsTable;
  calendar_overrides: CalendarOverridesTable;
  clients: ClientsTable;
  client_contacts: ClientContactsTable;
  client_merges: ClientMergesTable;
  appeal_counters: AppealCountersTable;
  appeals: AppealsTable;
  interactions: InteractionsTable;
  attachments: AttachmentsTable;
  outbox: OutboxTable;
  mailboxes: MailboxesTable;
  ack_log: AckLogTable;
  templates: TemplatesTable;
  style_lexicon_revisions: StyleLexiconRevisionsTable;
  template_processes: TemplateProcessesTable;
  template_touchpoints: TemplateTouchpointsTable;
  template_versions: TemplateVersionsTable;
  template_usage: TemplateUsageTable;
  letterhead_settings: LetterheadSettingsTable;
  letter_counters: LetterCountersTable;
  outgoing_letters: OutgoingLettersTable;
  telephony_lines: TelephonyLinesTable;
  telephony_agents: TelephonyAgentsTable;
  calls: CallsTable;
  call_transfers: CallTransfersTable;
  telephony_events: TelephonyEventsTable;
  deadline_policies: DeadlinePoliciesTable;
  deadline_settings: DeadlineSettingsTable;
  appeal_deadlines: AppealDeadlinesTable;
  notice_templates: NoticeTemplatesTable;
  classify_rules: ClassifyRulesTable;
  classifier_models: ClassifierModelsTable;
  classify_signals: ClassifySignalsTable;
  routing_rules: RoutingRulesTable;
  routing_cursor: RoutingCursorTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UnitRow = Selectable<UnitsTable>;
export type AuditRow = Selectable<AuditLogTable>;
