/** Files with one known finding each, for the check-fic and scan command tests. */

/** A `.env` line with a client secret in the current format (`client-secret-setting`, an error). */
export const COMMITTED_SECRET_LINE = 'AZURE_CLIENT_SECRET=abc8Q~zyxwvutsrqponmlkjihgfedcba9876543210\n';

/** A Graph credential record whose GitHub issuer ends with a slash (`fic-issuer-trailing-slash`, an error). */
export const TRAILING_SLASH_FIC = JSON.stringify({
  name: 'deploy',
  issuer: 'https://token.actions.githubusercontent.com/',
  subject: 'repo:o/r:ref:refs/heads/main',
  audiences: ['api://AzureADTokenExchange'],
});
