export * from './arithmetic';
export * from './policy';
export { mskInstant, mskParts, MSK_OFFSET_MS } from './time';
