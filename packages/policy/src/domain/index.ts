/** Entra knowledge shared by every feature: issuers, identity providers, token kinds, the claimsMatchingExpression language, IdentityModel's limits. */
export * from './issuers.js';
export * from './identity-provider.js';
export * from './expression.js';
export * from './token-kinds.js';
export * from './identity-model.js';
export * from './check-order.js';
