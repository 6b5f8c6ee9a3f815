export { appealDocument, MAX_DOCUMENT_CHARS } from './appeal-document';
export type { AppealDocument, AppealSearchSource } from './appeal-document';
export { ftsQuery } from './fts-query';
export { tsQuery } from './ts-query';
export { documentText, normalizeText, searchTokens, searchWords } from './tokens';
