export * from './catalogue/index.js';
export * from './errors.js';
export * from './redact.js';
export type * from './types.js';
