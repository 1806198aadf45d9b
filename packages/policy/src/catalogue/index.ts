/** The light entry point: constants, the AADSTS catalogue and the domain layer, with no validator or crypto code. */
export * from './constants.js';
export * from './codes.js';
export * from './placeholders.js';
export * from '../domain/index.js';
