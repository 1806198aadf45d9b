/**
 * The assumed order of Entra's checks (reference §0, a reconstruction from documents and observed
 * answers, so inferred): parse and format, then the route by `iss`, then the gates of that route
 * (token kind, tenant, cloud), then the federated credential match (issuer, audience, subject),
 * then the request. The first failing check is the prediction; the others are `competing`.
 */
export const ENTRA_CHECK_ORDER =
  'parse and format → route by iss → token kind, tenant, cloud → credential match (issuer, audience, subject) → request';
