/**
 * Limits of Microsoft.IdentityModel, the library Entra reads and validates tokens with
 * (`AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet`). Past them its parse fails,
 * and Entra answers AADSTS50027.
 */

/** `TokenValidationParameters.DefaultMaximumTokenSizeInBytes` (250 KiB), compared with the token's length. */
export const IDENTITY_MODEL_MAX_TOKEN_CHARS = 256_000;

/** `JsonWebToken` reads each segment with a default `Utf8JsonReader`, whose `MaxDepth` is 64. */
export const IDENTITY_MODEL_MAX_JSON_DEPTH = 64;

/** `EpochTime.DateTime`: seconds at or below 0 read as 1970-01-01, past 9999-12-31 as `DateTime.MaxValue`. */
export const IDENTITY_MODEL_MAX_EPOCH_SECONDS = 253_402_300_799;

/** Header parameters `JsonWebToken` reads as a string (or null): any other type fails the parse. */
export const STRING_HEADER_PARAMETERS = ['alg', 'cty', 'kid', 'typ', 'x5t', 'zip'] as const;

/** Payload claims it reads as a string (or null); `sub` may also be a number, read as its text. */
export const STRING_CLAIMS = ['iss', 'jti', 'azp'] as const;

/** Payload claims it reads as a `long` (`JsonSerializerPrimitives.ReadLong`). */
export const NUMERIC_DATE_CLAIMS = ['exp', 'nbf', 'iat'] as const;
