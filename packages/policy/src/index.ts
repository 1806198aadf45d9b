export * from './catalogue/index.js';
export * from './errors.js';
export * from './redact.js';
export type * from './types.js';
export * from './explain.js';
export * from './sarif.js';
export * from './fic/index.js';
