/**
 * `@entra-guard/policy/catalogue`, the light entry point: constants, the AADSTS catalogue and the
 * domain layer, with no validator or crypto code.
 */
export * from './catalogue/constants.js';
export * from './catalogue/codes.js';
export * from './catalogue/placeholders.js';
export * from './domain/index.js';
