/** The light entry point: constants and the AADSTS catalogue, with no validator or crypto code. */
export * from './constants.js';
export * from './codes.js';
export * from './placeholders.js';
