/** Reply templates, call scripts and guidance (issue 9): pure rules shared by the editor and the server. */
export * from './variables';
export * from './parse';
export * from './render';
export * from './lifecycle';
export * from './freshness';
export * from './diff';
export * from './search';
export * from './insert';
