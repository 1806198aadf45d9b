/** Entra knowledge shared by every feature: issuers, identity providers, token kinds, the claimsMatchingExpression language. */
export * from './issuers.js';
export * from './identity-provider.js';
export * from './expression.js';
export * from './token-kinds.js';
