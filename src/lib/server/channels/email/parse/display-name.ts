import type { ClientInput } from '../../../clients/clients.service';

const ORGANIZATION =
  /(^|[\s«"'])(ООО|ОАО|ЗАО|ПАО|АО|ИП|ГБУ|ГКУ|ГАУ|МБУ|МКУ|МАУ|ГБОУ|МБОУ|МАОУ|ФГБУ|ФГУП|НКО|АНО|LLC|Ltd|Inc|GmbH)([\s»"']|$)|администрац|министерств|департамент|управлени|комитет|редакци|школа|лицей|гимнази|колледж|университет|больниц|поликлиник/i;
const SURNAME =
  /(ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ой|ая|их|ых|ко|ук|юк|дзе|швили|ян|ец)$/i;
const PATRONYMIC = /(вич|вна|ична|инична|оглы|кызы)$/i;
const LATIN_SURNAME = /(ov|ova|ev|eva|in|ina|sky|skaya|enko|uk|yan)$/i;
/** Endings a first name hardly has: a single word with one is taken as a surname. */
const SURE_SURNAME =
  /(ов|ова|ев|ева|ёв|ёва|ский|ская|цкий|цкая|енко|ov|ova|ev|eva|sky|skaya|enko)$/i;

const looksLikeSurname = (w: string) => SURNAME.test(w) || LATIN_SURNAME.test(w);

/**
 * The client's name from a From display name. Russian senders write «Фамилия Имя Отчество» or
 * «Имя Фамилия»; the order is guessed from patronymic and surname endings. An organisation's name
 * (ООО, администрация …) fills the organisation, not a person. Addresses and quotes are dropped.
 */
export function nameFromDisplay(display: string | null): Partial<ClientInput> {
  const clean = (display ?? '')
    .replace(/[<(][^>)]*[>)]/g, ' ')
    .replace(/[^\p{L}\p{M}\s'’.«»"-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean || display?.includes('@')) return {};
  if (ORGANIZATION.test(clean)) return { organization: clean.replace(/^["«](.*)["»]$/, '$1') };
  const words = clean.replace(/["«»]/g, '').split(' ').filter(Boolean);
  if (words.length > 4) return {};
  const [a, b, c] = words;
  if (words.length === 1) return SURE_SURNAME.test(a!) ? { surname: a } : { firstName: a };
  if (words.length === 2) {
    if (PATRONYMIC.test(b!)) return { firstName: a, patronymic: b };
    return looksLikeSurname(b!) && !looksLikeSurname(a!)
      ? { firstName: a, surname: b }
      : { surname: a, firstName: b };
  }
  if (PATRONYMIC.test(b!))
    return { firstName: a, patronymic: b, surname: words.slice(2).join(' ') };
  return { surname: a, firstName: b, patronymic: words.slice(2).join(' ') || c };
}
