/** Security (issue 13): Russian source texts. */
export const securityRu = {
  'auth.tooManyFromAddress':
    'Слишком много неудачных попыток входа с этого адреса. Повторите через {minutes} мин.',
} as const;
