import { pickLocale } from '$lib/i18n/messages';
import type { LayoutServerLoad } from './$types';

/** `?lang=` works inside an embedding page too, where the locale cookie is not sent. */
export const load: LayoutServerLoad = ({ url, locals }) => ({
  lang: pickLocale(url.searchParams.get('lang') ?? locals.locale),
});
