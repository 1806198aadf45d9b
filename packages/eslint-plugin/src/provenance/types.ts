import type { TSESTree } from '@typescript-eslint/utils';
import type { Cloud, SourceTokenKind } from '#catalogue';
import type { ClientField, SdkModule } from './sdk.js';

export type { ClientField, SdkModule, SourceTokenKind };

/** A string the code spells out, after following constants. */
export interface StaticString {
  readonly value: string;
  /** The expression at the use site. */
  readonly node: TSESTree.Node;
  /** The literal that holds the text (possibly at a `const` declaration), when there is exactly one: the node a suggestion replaces. */
  readonly literal?: TSESTree.StringLiteral | TSESTree.TemplateLiteral;
}

/** A string built from constant and dynamic parts (templates, `+`, constants); adjacent constants are merged. */
export interface StringTemplate {
  readonly node: TSESTree.Node;
  readonly parts: readonly (string | TSESTree.Node)[];
  /** Set when every part is constant. */
  readonly value?: string;
}

export interface PropertyEntry {
  readonly name: string;
  readonly property: TSESTree.Property;
  /** The value expression (the identifier itself for a shorthand property). */
  readonly value: TSESTree.Node;
}

/** The properties of an object literal, after following constants and spreads; later properties win. */
export interface ObjectShape {
  readonly node: TSESTree.ObjectExpression;
  readonly properties: ReadonlyMap<string, PropertyEntry>;
  /** False when a spread or a computed key could not be resolved: a property may be missing from `properties`. */
  readonly complete: boolean;
}

/** An authority or authority host, when at least its host is constant; or a URL whose path is a v2 token endpoint's (`${base}/${tenant}/oauth2/v2.0/token`). */
export interface AuthorityInfo {
  readonly node: TSESTree.Node;
  /** The whole URL, when constant. */
  readonly value?: string;
  readonly host?: string;
  /** First path segment (tenant id, domain, `common`, `organizations`…), when constant. */
  readonly tenant?: string;
  /** The dynamic part that is the whole tenant segment (`${tenantId}`): compare it by binding (`FileModel.sameValue`). */
  readonly tenantNode?: TSESTree.Node;
  /** The path after the tenant is a token endpoint's: `/oauth2/v2.0/token` or `/oauth2/token`. */
  readonly tokenEndpoint?: 'v1' | 'v2';
  readonly cloud?: Cloud;
}

/** A client field as the code sets it: the value, the SDK's name for it, and where it sits. */
export interface ClientFieldValue {
  readonly node: TSESTree.Node;
  /** The SDK's property or parameter name (`clientSecret`, `getAssertion`). */
  readonly name: string;
  /** msal `auth`, an identity positional parameter, or an identity options property. */
  readonly via: 'auth' | 'parameter' | 'options';
}

/** A `new X(...)` of an msal-node application or an `@azure/identity` credential. */
export interface ClientConstruction {
  readonly node: TSESTree.NewExpression;
  readonly module: SdkModule;
  readonly className: string;
  /** msal-node: the `Configuration` object. */
  readonly config?: ObjectShape;
  /** msal-node: `config.auth`. */
  readonly auth?: ObjectShape;
  /** `@azure/identity`: the options object (the last object argument). */
  readonly options?: ObjectShape;
  /** `@azure/identity`: positional arguments by their documented names (`tenantId`, `clientId`, `clientSecret`, `getAssertion`…). */
  readonly params: ReadonlyMap<string, TSESTree.Node>;
  /** msal `auth.authority`, or identity `authorityHost` (a constant or `AzureAuthorityHosts.*`). */
  readonly authority?: AuthorityInfo;
  /** `@azure/identity`: kinds of token `getToken` yields (a chain yields those of its sources). msal: empty, see `TokenRequest.kinds`. */
  readonly tokenKinds: readonly SourceTokenKind[];
  /** `ChainedTokenCredential`: the sources the code shows. */
  readonly sources: readonly ClientConstruction[];
  /** Its settings under one set of names for both SDKs: what rules read, rather than `auth`, `params` or `options`. */
  readonly fields: Readonly<Partial<Record<ClientField, ClientFieldValue>>>;
  /** A managed-identity client: which identity it signs in as, when the code shows it (`USER_ASSIGNED_IDENTITY_KEYS`). */
  readonly managedIdentity?: 'system-assigned' | 'user-assigned';
}

export interface ScopeElement {
  readonly node: TSESTree.Node;
  readonly value?: string;
  readonly literal?: StaticString['literal'];
}

/** Scopes given to a token request: a string or an array literal, after following constants. */
export interface ScopeList {
  /** The argument or property value. */
  readonly node: TSESTree.Node;
  readonly elements: readonly ScopeElement[];
  /** Set when the list itself and every element are constant. */
  readonly values?: readonly string[];
}

/** A call that acquires a token: msal `acquireToken*`, identity `getToken` / `getBearerTokenProvider`, `core.getIDToken`. */
export interface TokenRequest {
  readonly node: TSESTree.CallExpression;
  readonly module: SdkModule | '@actions/core';
  /** Class of the client (the first when several reach the call); `core` for `getIDToken`. */
  readonly className: string;
  readonly method: string;
  /** The clients the call is made on (more than one when a conditional picks). */
  readonly clients: readonly ClientConstruction[];
  /** Kinds of the access token it yields (`.idToken` of a delegated msal result is `id-token`). */
  readonly kinds: readonly SourceTokenKind[];
  /** msal: the request object. */
  readonly request?: ObjectShape;
  /** msal `scopes`; identity `getToken(scopes)` / `getBearerTokenProvider(credential, scopes)`. */
  readonly scopes?: ScopeList;
  /** `ManagedIdentityApplication.acquireToken({ resource })`. */
  readonly resource?: ScopeList;
  /** `core.getIDToken(audience)`: the argument node, absent when no argument is given. */
  readonly audience?: { readonly node: TSESTree.Node; readonly value?: string };
  /** The request's own `authority`, else the client's. */
  readonly authority?: AuthorityInfo;
}

/** Where a token string comes from. */
export interface TokenOrigin {
  readonly kind: SourceTokenKind;
  /** Human-readable source, e.g. `PublicClientApplication.acquireTokenInteractive` or `core.getIDToken`. */
  readonly api: string;
  /** The node that produces the token: the acquisition call, the signing call, the file read. */
  readonly node: TSESTree.Node;
  readonly request?: TokenRequest;
  readonly jwt?: JwtBuild;
  /** A token read from the JSON reply of a raw HTTP request (IMDS, GitHub's OIDC URL, a token endpoint). */
  readonly http?: HttpTokenRequest;
  /** A credential handed to a function of another file, which requests its token there. */
  readonly client?: ClientConstruction;
}

export interface SinkFlow {
  readonly node: TSESTree.Node;
  readonly origin: TokenOrigin;
}

export type SinkKind = 'client-assertion' | 'obo-assertion';

/** A place where the code hands a value to Entra as a client assertion or as an OBO assertion. */
export interface AssertionSink {
  readonly kind: SinkKind;
  /** How it is handed over, e.g. `auth.clientAssertion`, `getAssertion`, `oboAssertion`, `client_assertion`. */
  readonly api: string;
  /** The expression given to the sink (property value or argument). */
  readonly node: TSESTree.Node;
  /** `callback`: a function whose returns are sent; `value`: a string sent as is; `unknown`: cannot tell. */
  readonly form: 'callback' | 'value' | 'unknown';
  /** The expressions whose value is sent: the callback's returns, or `node` itself. */
  readonly values: readonly TSESTree.Node[];
  /** Where the sent token comes from, as far as the file shows. */
  readonly origins: readonly TokenOrigin[];
  /** Each origin with the sent expression it reaches (a callback's return, or `node`): where to report. */
  readonly flows: readonly SinkFlow[];
  /** The client construction, token request, raw HTTP request or call of another file's function the sink belongs to. */
  readonly owner: ClientConstruction | TokenRequest | HttpTokenRequest | ImportedCall;
}

/** A call of a function or class of another file that sends the tokens of a credential it is given. */
export interface ImportedCall {
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The callee as the code names it (`makeCredential`, `adapters.Adapter`). */
  readonly callee: string;
}

/** A place where the code hands Entra a client secret: `clientSecret` of a client, `client_secret` of a raw request. */
export interface SecretSink {
  /** Where the value is given. */
  readonly node: TSESTree.Node;
  /** How it is handed over, e.g. `auth.clientSecret`, `ClientSecretCredential clientSecret`, `client_secret`. */
  readonly api: string;
  /** The constant text, when the code spells it out. */
  readonly value?: string;
  /** The literal holding the text (the whole body for a field inside a form string): where a finding goes. */
  readonly at: TSESTree.Node;
}

export type HttpClient = 'fetch' | 'node-fetch' | 'undici' | 'axios' | 'got' | 'https' | 'xhr';

/** One field of a token request body. */
export interface FormField {
  readonly name: string;
  /** The value expression; for a field inside a string body, the dynamic part it comes from, else the whole body. */
  readonly node: TSESTree.Node;
  /** The value as constant and dynamic parts (`scope=${app}/.default` → [app, '/.default']). */
  readonly parts: readonly (string | TSESTree.Node)[];
  /** Set when the whole value is constant. */
  readonly value?: string;
}

/** A request body: `URLSearchParams` (with `append`/`set`), `querystring.stringify`, a form string, an object. */
export interface RequestBody {
  readonly node: TSESTree.Node;
  /** `form`: `application/x-www-form-urlencoded`, as Entra expects; `json`: an object sent as JSON. */
  readonly encoding: 'form' | 'json' | 'unknown';
  readonly fields: ReadonlyMap<string, FormField>;
  /** False when some fields could not be resolved: a field may be missing from `fields`. */
  readonly complete: boolean;
}

/** A raw HTTP request to a token endpoint (a login host, any `/oauth2/` path, or a body with `grant_type`). */
export interface HttpTokenRequest {
  readonly node: TSESTree.CallExpression;
  readonly client: HttpClient;
  readonly url?: StringTemplate;
  /** Host, tenant and cloud of the URL, when at least its host is constant. */
  readonly authority?: AuthorityInfo;
  /** Upper-case, when constant. */
  readonly method?: string;
  readonly body?: RequestBody;
  /** `v1` for `/oauth2/token`, `v2` for `/oauth2/v2.0/token`, when the URL's constant end shows it. */
  readonly endpoint?: 'v1' | 'v2';
  /** The names of the URL's query parameters, when the code shows all of them. */
  readonly queryKeys?: readonly string[];
  /** Sent to Entra: a constant Entra login host, or the v2 token path (Entra's own) behind a host the code computes. */
  readonly entra: boolean;
}

/** One claim or header parameter of a JWT the code signs. */
export interface JwtPart {
  readonly node: TSESTree.Node;
  /** The constant value (string, number, array…), when there is one. */
  readonly value?: unknown;
  /** Where it was set: the payload or header object, a jose setter (`setIssuer`), a jsonwebtoken option (`issuer`). */
  readonly via: 'payload' | 'header' | 'setter' | 'option';
}

/** A JWT signed in the code: jose `new SignJWT(claims)…sign(key)` or `jsonwebtoken.sign(payload, key, options)`. */
export interface JwtBuild {
  /** The signing call; for a hand-built token, the `header.claims` template or concatenation. */
  readonly node: TSESTree.CallExpression | TSESTree.TemplateLiteral | TSESTree.BinaryExpression;
  /** `hand-built`: base64url-encoded JSON objects the code joins itself (hand-built-jwt.ts). */
  readonly library: 'jose' | 'jsonwebtoken' | 'hand-built';
  /** Registered names (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`…): jose setters and jsonwebtoken options are mapped to them. */
  readonly claims: ReadonlyMap<string, JwtPart>;
  /** Header parameters (`alg`, `typ`, `kid`, `x5t`, `x5t#S256`, `x5c`…); jsonwebtoken `algorithm` and `keyid` are mapped. */
  readonly header: ReadonlyMap<string, JwtPart>;
  /** False when a payload or header object could not be fully resolved. */
  readonly complete: boolean;
  /** jsonwebtoken: the options object (`noTimestamp`, `expiresIn`…). */
  readonly options?: ObjectShape;
}
