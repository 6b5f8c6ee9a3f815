export * from './bayes';
export * from './keywords';
export * from './mood';
