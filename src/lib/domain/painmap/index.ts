export * from './signals';
export * from './rank';
export * from './effect';
