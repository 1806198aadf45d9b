/**
 * The AADSTS codes entra-guard predicts or explains: Entra's own wording where it was observed,
 * the cause, the fix and how sure we are. Facts: shared/reference/entra-assertion-rules.md.
 */
import { codeDocsUrl } from './constants.js';

/** documented = Microsoft says so; observed = seen in real replies; inferred = one source or a deduction. */
export type Confidence = 'documented' | 'observed' | 'inferred';

export interface AadstsCode {
  /** `AADSTS` followed by digits. */
  readonly code: string;
  /** Microsoft's short error name, where one is known. */
  readonly name: string;
  /** What Entra says, with `{…}` for the variable parts. */
  readonly entraMessage: string;
  /** Why it happens, in one or two sentences. */
  readonly cause: string;
  readonly fix: string;
  readonly confidence: Confidence;
  /** Codes Entra has been seen to return instead for the same mistake. */
  readonly alternatives?: readonly string[];
  readonly sources: readonly string[];
  readonly docs: string;
}

type Entry = Omit<AadstsCode, 'code' | 'docs'>;

const entries: Record<string, Entry> = {
  AADSTS50027: {
    name: 'InvalidJwtToken',
    entraMessage: 'JWT token is invalid or malformed.',
    cause:
      'The assertion is not a compact JWS: wrong number of segments, bad base64url, or a header or payload that is not a JSON object.',
    fix: 'Send the raw compact JWT: no `Bearer ` prefix, no quotes, no whitespace or trailing newline.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference', '@azure/identity TROUBLESHOOTING.md'],
  },
  AADSTS5002727: {
    name: 'InvalidJwtHeaderType',
    entraMessage: "Invalid JWT header type specified, must be 'JWT' or 'http://openid.net/specs/jwt/1.0'.",
    cause:
      'The header `typ` is present and is neither `JWT` nor `http://openid.net/specs/jwt/1.0` (for example `at+jwt`).',
    fix: 'Set the header `typ` to `JWT`, or leave it out.',
    confidence: 'observed',
    sources: ['captured Entra replies (Go client comment, PowerShell WIF test script)'],
  },
  AADSTS5002738: {
    name: 'InvalidSigningAlgorithm',
    entraMessage:
      "Invalid JWT token. '{alg}' is not a supported signature algorithm. Supported signing algorithms are: '{list}'",
    cause: 'The header `alg` is not an RSA algorithm Entra accepts (ES256, HS256, EdDSA and `none` are rejected).',
    fix: 'Sign with RS256 (the algorithm tested for federation) or PS256 with an RSA key of at least 2048 bits.',
    confidence: 'documented',
    alternatives: ['AADSTS50027'],
    sources: ['Workload identity federation considerations', 'AzureAD/microsoft-identity-web#3467'],
  },
  AADSTS5002730: {
    name: 'InvalidJwtKeyForAlgorithm',
    entraMessage: 'Invalid JWT token. Unsupported key for the signing algorithm.',
    cause: 'The key type does not fit `alg`, for example an EC key named by an RS256 header.',
    fix: 'Use an RSA key of at least 2048 bits for RS* and PS* algorithms.',
    confidence: 'inferred',
    sources: ['AzureAD/microsoft-authentication-library-for-dotnet#4712'],
  },
  AADSTS90014: {
    name: 'MissingRequiredField',
    entraMessage:
      "The required field '{field}' is missing from the credential. Ensure that you have all the necessary parameters for the login request.",
    cause: 'A claim Entra needs (`iss`, `aud`, `sub`, `exp`) is missing from the assertion.',
    fix: 'Add the missing claim.',
    confidence: 'observed',
    sources: ['MSAL.NET test constants with captured replies'],
  },
  AADSTS700021: {
    name: 'ClientAssertionApplicationIdMismatch',
    entraMessage: "Client assertion application identifier doesn't match 'client_id' parameter.",
    cause:
      'A self-signed certificate assertion has `iss` or `sub` different from the `client_id` sent (often the tenant id by mistake).',
    fix: 'Set both `iss` and `sub` to the application (client) id you send as `client_id`.',
    confidence: 'observed',
    sources: ['MSAL.NET test constants with captured replies', '@azure/identity TROUBLESHOOTING.md'],
  },
  AADSTS50048: {
    name: 'SubjectMismatchesIssuer',
    entraMessage: 'Subject mismatches Issuer claim in the client assertion.',
    cause: 'A self-signed assertion has `sub` different from `iss`.',
    fix: 'Put the client id in both `iss` and `sub`.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS700023: {
    name: 'InvalidClientAssertionAudience',
    entraMessage: 'Client assertion audience claim does not match Realm issuer.',
    cause:
      'A self-signed assertion names an `aud` other than the v2 token endpoint of the tenant and cloud it is sent to.',
    fix: 'Set `aud` to `https://{login-host}/{tenant}/oauth2/v2.0/token`, exactly as called (msal-node passes it to the assertion callback as `tokenEndpoint`).',
    confidence: 'documented',
    alternatives: ['AADSTS50012'],
    sources: ['Certificate credentials', '@azure/identity TROUBLESHOOTING.md'],
  },
  AADSTS5002741: {
    name: 'TooManyAudiences',
    entraMessage:
      'Number of audience values in the provided client credential exceed maximum allowed. {n} audience values provided, maximum allowed is 1.',
    cause: 'The assertion `aud` is an array with more than one value.',
    fix: 'Send a single string `aud`.',
    confidence: 'observed',
    alternatives: ['AADSTS50027'],
    sources: ['zitadel/oidc#887', 'panva/openid-client#348'],
  },
  AADSTS5002723: {
    name: 'NoKeyIdentifierInHeader',
    entraMessage:
      'Invalid JWT token. No certificate SHA-1 thumbprint, certificate SHA-256 thumbprint, nor keyId specified in token header.',
    cause: 'A self-signed assertion header carries none of `x5t`, `x5t#S256` or `kid`, so Entra cannot find the key.',
    fix: 'Add `x5t#S256` (base64url SHA-256 of the certificate DER) with PS256, or `x5t` (SHA-1) with RS256.',
    confidence: 'observed',
    sources: ['MSAL.NET test constants with captured replies', 'Certificate credentials'],
  },
  AADSTS700027: {
    name: 'InvalidClientAssertionSignature',
    entraMessage:
      'The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., …]',
    cause:
      "The thumbprint or key id in the header matches no certificate in the app registration's `keyCredentials`, or the signature does not verify with it.",
    fix: 'Upload the certificate to the app registration, base64url-encode the raw thumbprint bytes, and for subject-name/issuer apps send `x5c`.',
    confidence: 'documented',
    alternatives: ['AADSTS50012'],
    sources: ['Microsoft Entra error codes reference', 'keycloak/keycloak#19425', 'Azure/azure-sdk-for-net#29007'],
  },
  AADSTS700024: {
    name: 'ClientAssertionNotWithinValidTimeRange',
    entraMessage:
      'Client assertion is not within its valid time range. Current time: {now}, assertion valid from {nbf}, expiry time of assertion {exp}.',
    cause:
      'The assertion is expired or not yet valid: minted once and reused, a cached IdP token, local time instead of UTC, or clock skew.',
    fix: 'Mint a fresh assertion for every token request, in UTC epoch seconds: `nbf` = now, `exp` = now + at most 10 minutes.',
    confidence: 'documented',
    sources: ['Certificate credentials', 'MSAL.NET test constants with captured replies', 'Azure/login#180'],
  },
  AADSTS70023: {
    name: 'ExternalTokenLifetimeTooLong',
    entraMessage:
      'External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at {iat}. Token expires on {exp}.',
    cause: 'An external identity provider issued a token that lives longer than 1 day 1 hour.',
    fix: 'Configure the identity provider to issue tokens that live at most 25 hours (1 hour is typical).',
    confidence: 'observed',
    sources: ['MicrosoftDocs/azure-docs#86916'],
  },
  AADSTS700211: {
    name: 'NoMatchingFederatedIdentityRecordForIssuer',
    entraMessage:
      "No matching federated identity record found for presented assertion issuer '{iss}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    cause:
      "No federated identity credential names the token's `iss` exactly (case-sensitive, trailing slash included).",
    fix: "Copy the token's `iss` byte for byte into the federated identity credential's issuer.",
    confidence: 'observed',
    alternatives: ['AADSTS70021'],
    sources: ['Azure/azure-workload-identity#1200', 'azure-workload-identity troubleshooting'],
  },
  AADSTS700212: {
    name: 'NoMatchingFederatedIdentityRecordForAudience',
    entraMessage:
      "No matching federated identity record found for presented assertion audience '{aud}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    cause:
      "The token's `aud` is not the federated identity credential's audience, usually because the token was not requested for `api://AzureADTokenExchange`.",
    fix: 'Request the token for the exchange audience (`api://AzureADTokenExchange/.default`, or the sovereign-cloud variant) and keep that audience on the credential.',
    confidence: 'observed',
    alternatives: ['AADSTS7002121', 'AADSTS70021'],
    sources: ['@azure/identity TROUBLESHOOTING.md', 'cross-tenant MI-as-FIC experiment log'],
  },
  AADSTS7002121: {
    name: 'NoMatchingFederatedIdentityRecordForAudience',
    entraMessage: "No matching federated identity record found for presented assertion audience '{aud}'.",
    cause: 'A variant of AADSTS700212 seen for managed-identity tokens requested for another resource.',
    fix: 'Request the managed-identity token for `api://AzureADTokenExchange/.default` (or the sovereign-cloud variant).',
    confidence: 'observed',
    alternatives: ['AADSTS700212'],
    sources: ['cross-tenant MI-as-FIC experiment log'],
  },
  AADSTS700213: {
    name: 'NoMatchingFederatedIdentityRecordForSubject',
    entraMessage:
      "No matching federated identity record found for presented assertion subject '{sub}'. Please note that matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience, and Issuer against the presented assertion.",
    cause:
      "No federated identity credential with the token's issuer and audience names its `sub` exactly (wrong branch, environment or entity type, immutable GitHub subject, managed identity client id instead of principal id).",
    fix: "Copy the `sub` the error prints into the federated identity credential's subject.",
    confidence: 'documented',
    alternatives: ['AADSTS70021'],
    sources: ["What's new for authentication (August 2024)", 'Azure/login#482'],
  },
  AADSTS7002138: {
    name: 'FederatedSubjectCaseMismatch',
    entraMessage:
      "No matching federated identity record found for presented assertion subject '{sub}'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison.",
    cause:
      "A federated identity credential's subject equals the token's `sub` only when case is ignored; matching is case-sensitive since August 2024.",
    fix: "Change the credential's subject to the exact case of the token's `sub` (GitHub environment, owner and repository names).",
    confidence: 'documented',
    alternatives: ['AADSTS700213'],
    sources: ["What's new for authentication (August 2024)", 'Azure/login#515'],
  },
  AADSTS7002131: {
    name: 'NoMatchingFederatedIdentityExpression',
    entraMessage:
      "No matching federated identity record found for presented assertion subject '{sub}' or no federated identity credential expression matched.",
    cause: "A flexible federated identity credential's `claimsMatchingExpression` does not match the token's claims.",
    fix: "Correct the expression so it matches the token (`claims['sub'] matches 'repo:org/*'`).",
    confidence: 'inferred',
    alternatives: ['AADSTS700213'],
    sources: ['Flexible federated identity credentials (preview)', 'support-wiki compilation (single source)'],
  },
  AADSTS7002241: {
    name: 'IssuerMayNotUseExpressions',
    entraMessage: "Issuer '{issuer}' may not use credentials matching via expression",
    cause:
      'Flexible federated identity credentials are only allowed for GitHub Actions, GitLab and Terraform Cloud issuers.',
    fix: 'Use an exact `subject`, or one of the supported issuers.',
    confidence: 'inferred',
    sources: ['Flexible federated identity credentials (preview)', 'support-wiki compilation (single source)'],
  },
  AADSTS700235: {
    name: 'ExpressionsNotSupported',
    entraMessage:
      'The federated identity credentials flow does not support credentials matching via expression at this time',
    cause:
      'A `claimsMatchingExpression` was set on an object that does not support it, such as a user-assigned managed identity.',
    fix: 'Put flexible credentials on an application registration only, or use an exact subject.',
    confidence: 'inferred',
    sources: ['Flexible federated identity credentials (preview)', 'support-wiki compilation (single source)'],
  },
  AADSTS7000226: {
    name: 'NoFederatedIdentityCredentialPolicy',
    entraMessage: 'No federated identity credential policy found on application ({appid}).',
    cause: 'The application or managed identity has no federated identity credential at all.',
    fix: "Add a federated identity credential for the token's issuer, subject and audience.",
    confidence: 'inferred',
    sources: ['support-wiki compilation (single source)'],
  },
  AADSTS70021: {
    name: 'NoMatchingFederatedIdentityRecord',
    entraMessage: 'No matching federated identity record found for presented assertion.',
    cause:
      'The older, generic form of the issuer, audience and subject mismatches; also seen for a few minutes after a credential is created or changed.',
    fix: 'Compare issuer, subject and audience with the token exactly; after a change, retry with backoff.',
    confidence: 'documented',
    sources: ['Workload identity federation considerations', 'azure-workload-identity troubleshooting'],
  },
  AADSTS700236: {
    name: 'CrossTenantEntraIssuerNotAllowed',
    entraMessage:
      "Entra ID tokens issued by issuer '{iss}' may not be used for federated identity credential flows for applications or managed identities registered in this tenant.",
    cause:
      'A managed-identity token from one tenant is used as the federated credential of an app registered in another tenant; the app and the managed identity must live in the same tenant.',
    fix: "Register a multi-tenant app in the managed identity's tenant, put the federated credential there (issuer = that tenant's v2 issuer), provision the app in the target tenant, and request the token from the target tenant.",
    confidence: 'documented',
    sources: ['Configure an application to trust a managed identity', 'cross-tenant MI-as-FIC experiment log'],
  },
  AADSTS700226: {
    name: 'OnlyMsiTokensForEntraIssuer',
    entraMessage: 'Only MSI tokens may be used as Federated Identity Credentials for AAD issuer.',
    cause:
      'An Entra app-only token that is not a managed-identity token (a client-credentials token of an app registration) is sent as the federated assertion.',
    fix: 'Send a user-assigned managed identity token requested for `api://AzureADTokenExchange/.default`.',
    confidence: 'observed',
    sources: ['cross-tenant MI-as-FIC experiment log'],
  },
  AADSTS700229: {
    name: 'ForbiddenTokenType',
    entraMessage:
      'Forbidden token type. Only app-only tokens may be used as Federated Identity Credentials for AAD issuer.',
    cause:
      'A user-delegated Entra token (interactive, device code, auth code, OBO, a developer tool login) is sent as the client assertion.',
    fix: 'Acquire the assertion with `ManagedIdentityCredential` or `ManagedIdentityApplication` for `api://AzureADTokenExchange/.default`, never with a user credential.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference', 'MicrosoftDocs/azure-docs#109083'],
  },
  AADSTS700231: {
    name: 'ChainedFederatedCredential',
    entraMessage:
      'Token obtained using another federated identity credential may not be used as federated identity credential',
    cause:
      'The Entra token was itself obtained through a federated exchange (it carries `xms_ficinfo`, as under AKS Workload Identity), and federation cannot be chained.',
    fix: 'Federate the original token directly (for example the AKS service-account token on the app), or use an IMDS managed-identity token, or a certificate.',
    confidence: 'observed',
    sources: ['support-wiki compilation', 'several third-party reports'],
  },
  AADSTS700238: {
    name: 'CrossCloudEntraIssuerNotAllowed',
    entraMessage:
      'Entra ID tokens issued by an issuer from another cloud may not be used for federated identity credential flows.',
    cause:
      'A managed-identity token from one sovereign cloud is sent to another cloud; managed identity as a federated credential works only within one cloud.',
    fix: 'Use a managed identity in the same cloud, or a certificate or secret credential.',
    confidence: 'inferred',
    sources: ['Configure an application to trust a managed identity', 'one third-party report'],
  },
  AADSTS700222: {
    name: 'EntraIssuedTokensNotAllowed',
    entraMessage: 'AAD-issued tokens may not be used for federated identity flows.',
    cause:
      'An Entra-issued token is presented where no managed-identity federated credential for its issuer exists (for example the credential names the v1 issuer).',
    fix: 'Name the v2 issuer `https://login.microsoftonline.com/{tenant}/v2.0` on the credential and send a managed-identity token.',
    confidence: 'documented',
    alternatives: ['AADSTS700211'],
    sources: ['Workload identity federation considerations', 'MicrosoftDocs/azure-docs#90276'],
  },
  AADSTS700214: {
    name: 'EntraIssuerAudienceMustBeUri',
    entraMessage: 'The audience of a federated identity credential for an Entra issuer must be the token exchange URI.',
    cause: 'A managed-identity federated credential names the exchange app id GUID or a custom value as its audience.',
    fix: 'Use `api://AzureADTokenExchange` (or the sovereign-cloud variant) as the only audience.',
    confidence: 'inferred',
    sources: ['two third-party notes'],
  },
  AADSTS700263: {
    name: 'DuplicateFederatedSubject',
    entraMessage: 'More than one federated identity credential matches the presented subject.',
    cause:
      'Two federated identity credentials name the same subject, for example a v1 and a v2 issuer for one managed identity.',
    fix: 'Keep one credential per subject.',
    confidence: 'inferred',
    sources: ['one third-party note'],
  },
  AADSTS7000114: {
    name: 'AppOnlyOnBehalfOfNotAllowed',
    entraMessage: "Application '{appId}' is not allowed to make application on-behalf-of calls.",
    cause: 'The on-behalf-of `assertion` is an app-only token; OBO only works for user tokens.',
    fix: "Use the client-credentials flow for service callers, and OBO only with the user's access token.",
    confidence: 'documented',
    alternatives: ['AADSTS90083'],
    sources: ['OAuth 2.0 On-Behalf-Of flow', 'AzureAD/microsoft-authentication-library-for-dotnet#2130'],
  },
  AADSTS500131: {
    name: 'AssertionAudienceMismatch',
    entraMessage:
      "Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '{aud}' and the expected audience is '{clientId}' or one of the Application Uris of this application with App ID '{clientId}'.",
    cause:
      'The on-behalf-of `assertion` was issued for another resource (often Microsoft Graph), not for the middle-tier app that presents it.',
    fix: "Have the client request a token for the middle tier's own scope (`api://{middle-tier}/access_as_user`) and pass that token on.",
    confidence: 'documented',
    alternatives: ['AADSTS50013'],
    sources: ['OAuth 2.0 On-Behalf-Of flow', 'microsoft/AzureTRE-Deployment#65'],
  },
  AADSTS50013: {
    name: 'InvalidAssertion',
    entraMessage: 'Assertion failed signature validation.',
    cause:
      'The on-behalf-of `assertion` is a first-party token (Microsoft Graph tokens carry a header `nonce`) whose signature Entra will not validate for your app, or an older form of the audience mismatch.',
    fix: "Pass the user's access token for the middle tier's own API, not a Graph token.",
    confidence: 'observed',
    alternatives: ['AADSTS500131'],
    sources: ['AzureAD/microsoft-authentication-library-for-dotnet#1636'],
  },
  AADSTS500133: {
    name: 'AssertionNotWithinValidTimeRange',
    entraMessage:
      "Assertion isn't within its valid time range. Ensure that the access token isn't expired before using it for user assertion, or request a new token. Current time: {curTime}, expiry time of assertion {expTime}.",
    cause: 'The on-behalf-of `assertion` (the incoming user token) has expired.',
    fix: 'Have the client send a fresh user token; refuse expired tokens in the middle tier before calling OBO.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS1002012: {
    name: 'ClientCredentialScopeWithoutDefault',
    entraMessage:
      'The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).',
    cause:
      'A client-credentials request names a scope without `/.default` (`User.Read`, `api://AzureADTokenExchange`, `openid`).',
    fix: 'Request `{resource}/.default`, for example `https://graph.microsoft.com/.default`.',
    confidence: 'documented',
    sources: ['Client credentials flow', 'AzureAD/microsoft-identity-web#2844'],
  },
  AADSTS700022: {
    name: 'InvalidMultipleResourcesScope',
    entraMessage:
      'The provided value for the input parameter scope is not valid because it contains more than one resource.',
    cause: 'A client-credentials request names scopes of more than one resource.',
    fix: 'Request one resource per token request.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference', 'Client credentials flow'],
  },
  AADSTS70011: {
    name: 'InvalidScope',
    entraMessage:
      "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid.",
    cause: 'The scope is malformed, or `.default` is mixed with resource-specific scopes.',
    fix: 'Fix the scope string.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS500011: {
    name: 'InvalidResourceServicePrincipalNotFound',
    entraMessage: 'The resource principal named {name} was not found in the tenant named {tenant}.',
    cause:
      'The scope names an App ID URI that does not exist in the tenant, often a typo such as `api://AzureADTokenExchange./default`.',
    fix: 'Correct the App ID URI, or provision the resource in that tenant.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference', 'AzureAD/microsoft-identity-web#2793'],
  },
  AADSTS9001023: {
    name: 'GrantTypeNotSupportedOverConvergedEndpoint',
    entraMessage: "The grant type isn't supported over the /common or /consumers endpoints.",
    cause: 'A client-credentials request is sent to `/common`, `/organizations` or `/consumers` instead of a tenant.',
    fix: 'Use `https://{login-host}/{tenantId}`.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference', 'msal-node ConfidentialClientApplication'],
  },
  AADSTS700016: {
    name: 'UnauthorizedClientApplicationNotFound',
    entraMessage: "Application with identifier '{appId}' was not found in the directory '{tenant}'.",
    cause:
      'The `client_id` has no service principal in the tenant called: wrong id, wrong tenant, or a multi-tenant app not provisioned there.',
    fix: 'Check the ids; provision or admin-consent the app in the target tenant.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS700025: {
    name: 'InvalidClientPublicClientWithCredential',
    entraMessage: "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    cause: 'The app is registered as a public client but a client credential was sent.',
    fix: 'Turn off public client flows on the app, or drop the credential.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS7000218: {
    name: 'InvalidClientNoCredential',
    entraMessage: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    cause:
      'A confidential-client request carries no credential, or a `client_assertion` without `client_assertion_type`.',
    fix: `Send the assertion together with \`client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer\`.`,
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS900144: {
    name: 'RequestBodyMissingParameter',
    entraMessage: "The request body must contain the following parameter: '{parameter}'.",
    cause:
      'A token request lacks a parameter its grant needs: `resource` on the v1 endpoint (which ignores `scope`), `requested_token_use` in an on-behalf-of request, or `grant_type`, `client_id`, `scope` sent outside the form body.',
    fix: 'Send the parameter in the `application/x-www-form-urlencoded` body: `resource` for `/oauth2/token`, `scope` for `/oauth2/v2.0/token`, `requested_token_use=on_behalf_of` for on-behalf-of.',
    confidence: 'observed',
    sources: ['MicrosoftDocs/azure-docs#46696', 'Azure/azure-sdk-for-java#30359', 'many third-party reports'],
  },
  AADSTS901002: {
    name: 'ResourceParameterNotSupported',
    entraMessage: "The 'resource' request parameter is not supported.",
    cause: 'A request to the v2 endpoint (`/oauth2/v2.0/…`) carries the v1 `resource` parameter.',
    fix: 'Send `scope={resource}/.default` to the v2 endpoint, or call the v1 endpoint `/oauth2/token` with `resource`.',
    confidence: 'observed',
    sources: ['MicrosoftDocs/azure-docs#33853', 'MicrosoftDocs/azure-docs#104522', 'several third-party reports'],
  },
  AADSTS7000215: {
    name: 'InvalidClientSecret',
    entraMessage: 'Invalid client secret provided.',
    cause: 'The client secret is wrong, often the secret id instead of its value.',
    fix: 'Replace client secrets with a certificate or a federated credential; if you must, use the secret value, from a vault.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS7000222: {
    name: 'InvalidClientSecretExpiredKeys',
    entraMessage: "The provided client secret keys for app '{appId}' are expired.",
    cause: 'Every client secret of the app has expired.',
    fix: 'Move to certificate or federated credentials; otherwise create a new secret.',
    confidence: 'documented',
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS90061: {
    name: 'ExternalOidcEndpointFailed',
    entraMessage: 'Request to External OIDC endpoint failed.',
    cause:
      "Entra cannot fetch the issuer's `/.well-known/openid-configuration` or JWKS (private cluster, self-signed TLS, local issuer).",
    fix: 'Publish the discovery document and JWKS on public HTTPS with a trusted certificate.',
    confidence: 'documented',
    sources: ['azure-workload-identity troubleshooting'],
  },
  AADSTS7000272: {
    name: 'FederatedKeyNotInIssuerMetadata',
    entraMessage:
      'The certificate with identifier {kid} used to sign the federated credential could not be found in the metadata of identity provider {iss}.',
    cause: "The token's `kid` is not among the identity provider's published keys (rotation, or more than 100 keys).",
    fix: 'Publish the signing key in the JWKS and keep at most 100 keys.',
    confidence: 'observed',
    sources: ['Azure/azure-workload-identity#1232', 'Workload identity federation overview'],
  },
  AADSTS7000274: {
    name: 'FederatedTokenSignatureInvalid',
    entraMessage: 'The signature of the federated credential could not be validated.',
    cause:
      "The identity provider's key was found but the token's signature does not verify with it, usually because the token was edited after signing.",
    fix: 'Send the token exactly as the identity provider issued it; never re-encode or edit a signed token.',
    confidence: 'inferred',
    sources: ['one PowerShell test script'],
  },
  AADSTS50012: {
    name: 'InvalidClientAssertion',
    entraMessage: 'Client assertion contains an invalid signature.',
    cause: 'The older, generic answer for a client assertion whose signature, key or audience is wrong.',
    fix: 'Sign with the private key of a certificate registered on the app, and set `aud` to the token endpoint you call.',
    confidence: 'documented',
    alternatives: ['AADSTS700027', 'AADSTS700023'],
    sources: ['Microsoft Entra error codes reference'],
  },
  AADSTS90083: {
    name: 'RequestUnsupported',
    entraMessage: 'Request is unsupported.',
    cause: 'An older answer to an on-behalf-of request whose `assertion` is an app-only token.',
    fix: 'Use the client-credentials flow for service callers, and OBO only with a user token.',
    confidence: 'observed',
    alternatives: ['AADSTS7000114'],
    sources: ['MicrosoftDocs/azure-docs#53334'],
  },
  AADSTS900023: {
    name: 'InvalidTenantIdentifier',
    entraMessage: "Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain.",
    cause: 'The tenant segment of the token endpoint is neither a GUID nor a domain name.',
    fix: 'Use the tenant id (a GUID) or a verified domain of the tenant.',
    confidence: 'observed',
    sources: ['MSAL.NET test constants with captured replies', '@azure/identity TROUBLESHOOTING.md'],
  },
  AADSTS700233: {
    name: 'FederatedExpressionInvalid',
    entraMessage: 'The claims matching expression of the federated identity credential could not be parsed.',
    cause:
      "A flexible federated identity credential's `claimsMatchingExpression` does not follow the grammar `claims['name'] op 'value'` joined by `and`, or its `languageVersion` is not 1.",
    fix: "Write the expression as `claims['sub'] matches 'repo:contoso/*'` with single spaces and single quotes, and `languageVersion: 1`.",
    confidence: 'inferred',
    sources: ['Flexible federated identity credentials (preview)', 'support-wiki compilation (single source)'],
  },
  AADSTS700237: {
    name: 'FederatedExpressionNotAllowed',
    entraMessage: 'The claims matching expression uses an operator or claim that is not allowed for this issuer.',
    cause:
      'A flexible federated identity credential uses an operator other than `eq` or `matches`, or a claim its issuer does not allow (GitHub: `sub`, `job_workflow_ref`; GitLab and Terraform Cloud: `sub`).',
    fix: 'Use only `eq` and `matches` on the claims the issuer supports.',
    confidence: 'inferred',
    sources: ['Flexible federated identity credentials (preview)', 'support-wiki compilation (single source)'],
  },
};

export const AADSTS_CODES: Readonly<Record<string, AadstsCode>> = Object.freeze(
  Object.fromEntries(
    Object.entries(entries).map(([code, e]) => [code, Object.freeze({ code, ...e, docs: codeDocsUrl(code) })]),
  ),
);

/** The entry for `code` (`AADSTS700236`, `700236` or a lower-case form), or undefined. */
export function lookupCode(code: string): AadstsCode | undefined {
  const digits = /^(?:aadsts)?(\d{4,8})$/i.exec(code.trim())?.[1];
  return digits === undefined ? undefined : AADSTS_CODES[`AADSTS${digits}`];
}
