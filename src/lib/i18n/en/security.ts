import type { securityRu } from '../ru/security';

/** Security (issue 13): English texts. */
export const securityEn: Record<keyof typeof securityRu, string> = {
  'auth.tooManyFromAddress':
    'Too many failed sign-ins from this address. Try again in {minutes} min.',
};
