export * from './web.js';
export * from './sarif.js';
export * from './runtime/index.js';
