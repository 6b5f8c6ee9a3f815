import type { Channel, Mode } from '../../../domain/registry/vocabulary';
import type { TouchpointFacts } from './types';
import { foldKey } from './text';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
const PHONE = /(?:\+7|(?<!\d)8)[\s\u00a0\-()]*\d(?:[\s\u00a0\-()]*\d){9}(?!\d)/u;
const URL =
  /(?:https?:\/\/|www\.)[^\s<>«»"]+|(?<![\p{L}\p{N}@./-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:ru|рф|su|com|org|net|info)(?:\/[^\s<>«»"]*)?/iu;

/** Word edges that work for Cyrillic, where `\b` does not. */
const word = (body: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}])`, 'u');

/**
 * Channel rules, first match wins. The order settles overlaps: «чат-бот в Telegram» is a
 * chatbot, «Telegram-канал» a social page, «телефон приёмной» a phone line, «интернет-приёмная»
 * a web form, «личный кабинет на портале» the portal.
 */
const CHANNEL_RULES: Array<[Channel, RegExp]> = [
  ['email', /e-?mail|электронн\S* почт/],
  ['chatbot', /чат-?бот/],
  [
    'social',
    /вконтакте|vk\.com|одноклассник|ok\.ru|(?:telegram|телеграм)-канал|канал\S* в (?:мессенджер|telegram|телеграм)|социальн\S* сет|госпаблик|сообществ/,
  ],
  ['social', word('вк|vk')],
  ['messenger', /telegram|телеграм|t\.me\/|мессенджер|whatsapp|viber|вайбер/],
  ['messenger', word('max')],
  ['video', /видео/],
  ['video', word('вкс')],
  ['edms', /документооборот/],
  ['edms', word('сэдо?')],
  ['webform', /интернет-приемн|виртуальн\S* приемн|электронн\S* приемн/],
  ['portal', /госуслуг|gosuslugi|портал|личн\S* кабинет/],
  ['portal', word('епгу|рпгу')],
  ['webform', /веб-форм|онлайн-форм|обратн\S* связ/],
  ['webform', word('форм[аеуы]?|формой')],
  ['phone', /телефон|горяч\S* лини|колл-?центр|call-?центр|контакт-центр|голосов\S* помощник/],
  ['post', /почтов|почта россии/],
  [
    'in_person',
    /приемн|кабинет|личн\S* прием|прием граждан|личное взаимодействие|мест\S* (?:приема|организации|проведения)|рабоч\S* мест|стенд|табличк/,
  ],
  ['in_person', word('мфц|окно')],
  ['portal', /сайт/],
];

/**
 * Offline channels: telephone, post and physical places are offline points (seed 000 §3.3,
 * seed 004 §8 1)–7)); everything reached over the Internet is online (seed 000 §3.2, seed 004 §7).
 */
export function modeForChannel(channel: Channel): Mode {
  return channel === 'in_person' || channel === 'post' || channel === 'phone'
    ? 'offline'
    : 'online';
}

/** Mass media (seed 004 §8 8)) and paper logs (seed 001 §4.2.5–4.2.6) are offline too. */
const OFFLINE_OTHER = /средств\S* массов|журнал|книг\S* учета/;

function trimAddress(value: string): string {
  return value.replace(/[).,;:>»]+$/, '');
}

/**
 * Guess channel, mode and address from a touchpoint's name when no reference says otherwise:
 * an e-mail address means email, a +7/8 number or «телефон» a phone line, Госуслуги or a portal
 * the portal, a form a web form, VK/Одноклассники/Telegram-канал social, Telegram/MAX a
 * messenger, «чат-бот» a chatbot, «почтовая» post, a reception room or office in person,
 * СЭД the document system, «видео»/ВКС video, a bare site or URL the portal, else other.
 */
export function inferTouchpoint(text: string): TouchpointFacts {
  const folded = foldKey(text);
  const email = EMAIL.exec(text)?.[0] ?? null;
  const phone = PHONE.exec(text)?.[0] ?? null;
  const url = URL.exec(text)?.[0] ?? null;

  const channel: Channel =
    email !== null
      ? 'email'
      : phone !== null
        ? 'phone'
        : (CHANNEL_RULES.find(([, rule]) => rule.test(folded))?.[0] ?? (url ? 'portal' : 'other'));

  const mode: Mode =
    channel === 'other' && OFFLINE_OTHER.test(folded) ? 'offline' : modeForChannel(channel);
  const address =
    channel === 'email' ? email : channel === 'phone' ? phone : url ? trimAddress(url) : null;
  return { mode, channel, address };
}
