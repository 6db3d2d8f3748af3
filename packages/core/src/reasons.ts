import type { ReasonCode } from './errors.js';

/**
 * Every reason code, in words: the one description of each, for `explain`, the operations page and anyone reading
 * a decision log line. The type makes the compiler check that no code is left out.
 *
 * @example
 * ```ts
 * REASONS[error.code]; // 'the token has expired (exp is in the past, beyond the clock tolerance)'
 * ```
 */
export const REASONS: Readonly<Record<ReasonCode, string>> = {
  missing_token:
    'there is no credential: none of TOKEN_SOURCES (by default the Authorization header) is in the request, or each is empty',
  ambiguous_token:
    'a token source appears twice with different values (a header, query parameter or cookie sent twice), so neither is taken',
  not_bearer: 'the credential is not of the form "Bearer <token>"',
  token_too_large: 'the credential is over the size cap, so it was refused before being read',
  malformed_token: 'the token is not a compact JWS (three canonical base64url parts with a JSON header and payload)',
  unsigned_token: 'the token is unsigned ("alg": "none"), which is never accepted',
  alg_not_allowed: "the token's alg is not one of JWT_ALGORITHMS",
  embedded_key: 'the token carries its own key (jwk, jku, x5u or x5c); keys come only from the configuration',
  unsupported_crit: 'the token uses "crit" or "b64"; no JWS extension is supported',
  wrong_type: "the token's typ header is missing or not one of JWT_TYPE (explicit typing: it is another kind of token)",
  unknown_key: "no configured key matches the token's kid and alg, or several do and the token names none",
  bad_signature:
    'the signature does not verify with the configured key: the token was signed by another key, or altered',
  expired: 'the token has expired (exp is in the past, beyond the clock tolerance)',
  not_yet_valid: 'the token is not valid yet (nbf is in the future, beyond the clock tolerance)',
  issued_in_future: 'the token says it was issued in the future (iat, beyond the clock tolerance)',
  token_too_old: 'the token was issued longer ago than JWT_MAX_TOKEN_AGE_SECONDS (iat, beyond the clock tolerance)',
  missing_claim:
    'a claim of JWT_REQUIRED_CLAIMS is missing, or iss / iat when they are checked, or both aud and client_id when JWT_AUDIENCE is set',
  invalid_claim: 'a registered claim has the wrong type (exp as a string, aud as an object, ...)',
  wrong_issuer: "the token's iss is not one of JWT_ISSUER",
  wrong_audience:
    "the token's aud holds none of JWT_AUDIENCE (or, in a token without aud, its client_id is not one of them)",
  claim_value_not_accepted:
    'a claim of JWT_CLAIM_VALUES is missing or holds none of its accepted values (with COGNITO_USER_POOL_ID: token_use is not access)',
  invalid_principal: 'no claim of PRINCIPAL_CLAIM is a non-empty string, or the one found is over 1,024 characters',
  missing_usage_identifier:
    'the claim USAGE_IDENTIFIER_CLAIM names is missing, or not a non-empty string of at most 128 characters (an API key value)',
  missing_client_certificate:
    'CLIENT_CERT_BINDING=required, and the request carries no readable mutual TLS client certificate',
  unbound_token: 'CLIENT_CERT_BINDING=required, and the token has no cnf claim with an x5t#S256 certificate thumbprint',
  certificate_mismatch:
    "CLIENT_CERT_BINDING=required, and the token's cnf x5t#S256 is not the thumbprint of the request's client certificate",
  key_source_unavailable:
    'the key source could not be reached, or answered with an error, and no trusted key is cached',
  invalid_key_material: 'the key source answered with something that is not a usable public key or key set',
  key_not_found: 'the SSM parameter does not exist (ParameterNotFound)',
  access_denied: "the function's role may not read the SSM parameter (ssm:GetParameter)",
  throttled: 'the key store throttled the request; it is retried after the back-off',
  kms_failure: 'KMS could not decrypt the SecureString: no kms:Decrypt, or the KMS key is disabled or missing',
  key_source_timeout: 'the request for keys took longer than KEY_FETCH_TIMEOUT_MS',
  missing_key_source: 'none of the key-source variables is set, and JWT_ISSUER is not set alone',
  conflicting_key_sources: 'more than one key-source variable is set, or COGNITO_USER_POOL_ID with JWT_ISSUER',
  invalid_value: "a variable's value cannot be used; the message names the variable and says why",
  invalid_method_arn: 'the methodArn / routeArn is not an execute-api ARN, or one of its parts holds a wildcard',
  unsupported_event: 'the event is not one of the formats API Gateway sends a Lambda authorizer',
  incompatible_event:
    'the event cannot carry what the configuration needs: a TOKEN event with no header in TOKEN_SOURCES or with CLIENT_CERT_BINDING, or a WebSocket $connect with route rules or CLIENT_CERT_BINDING',
};
