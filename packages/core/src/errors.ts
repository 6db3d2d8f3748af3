/**
 * The error audiences: the caller's token (401), the key source (500), the deployer's configuration (the cold
 * start fails), and an event API Gateway would never send (500). Each has a stable `code` that callers switch on,
 * never the message; every code is described once, in reasons.ts. Messages are lowercase, specific, and never
 * contain a token or a key.
 */

/** Why a token was refused. Every one of these ends as API Gateway's 401 (`Unauthorized`). */
export type TokenErrorCode =
  /** No credential at all: none of the token sources is present, or each is empty. */
  | 'missing_token'
  /**
   * A source holds more than one value, and they differ: a header, query parameter or cookie sent twice. Neither is
   * taken, as a cookie tossed in from a sibling domain or a parameter appended to a link would be (RFC 6265 §8.6).
   */
  | 'ambiguous_token'
  /** A credential whose scheme is not `Bearer`, or not of the form `<scheme> <token>` (RFC 7235 §2.1). */
  | 'not_bearer'
  /** Larger than the cap, refused before any decoding. */
  | 'token_too_large'
  /** Not a compact JWS (three base64url parts) with a JSON object header and payload; JWE is refused here. */
  | 'malformed_token'
  /** `alg: none` (RFC 8725 §3.1). */
  | 'unsigned_token'
  /** `alg` not in `JWT_ALGORITHMS`. */
  | 'alg_not_allowed'
  /** `jwk`, `jku`, `x5u` or `x5c` in the header: keys come only from the configured source (RFC 8725 §3.10). */
  | 'embedded_key'
  /** `crit` or `b64` present: no JWS extension is supported (RFC 7515 §4.1.11, RFC 7797). */
  | 'unsupported_crit'
  /** `typ` is absent, or not one of `JWT_TYPE`, when `JWT_TYPE` is set (RFC 8725 §3.11 explicit typing). */
  | 'wrong_type'
  /** No configured key matches the token's `kid` and `alg`. */
  | 'unknown_key'
  /** The signature does not verify with the selected key. */
  | 'bad_signature'
  /** `exp` is in the past (beyond the clock tolerance). */
  | 'expired'
  /** `nbf` is in the future (beyond the clock tolerance). */
  | 'not_yet_valid'
  /** `iat` is in the future (beyond the clock tolerance). */
  | 'issued_in_future'
  /** `iat` is older than `JWT_MAX_TOKEN_AGE_SECONDS` (beyond the clock tolerance). */
  | 'token_too_old'
  /**
   * A claim that must be present is absent: one of `JWT_REQUIRED_CLAIMS`, `iss` / `iat` when they are checked, or,
   * with `JWT_AUDIENCE`, both `aud` and `client_id`.
   */
  | 'missing_claim'
  /** A registered claim has the wrong type (`exp` as a string, `aud` as an object, ...). */
  | 'invalid_claim'
  /** `iss` is not one of `JWT_ISSUER`. */
  | 'wrong_issuer'
  /** `aud` holds none of `JWT_AUDIENCE`; or, in a token without `aud`, `client_id` is not one of them. */
  | 'wrong_audience'
  /** A claim of `JWT_CLAIM_VALUES` is absent or holds none of its accepted values. */
  | 'claim_value_not_accepted'
  /** No claim of `PRINCIPAL_CLAIM` is a non-empty string, or the one found is too long. */
  | 'invalid_principal'
  /** With `USAGE_IDENTIFIER_CLAIM`: that claim is absent, or not a non-empty string of at most 128 characters (an API key value). */
  | 'missing_usage_identifier'
  /** With `CLIENT_CERT_BINDING=required`: the request carries no (readable) mutual TLS client certificate. */
  | 'missing_client_certificate'
  /** With `CLIENT_CERT_BINDING=required`: the token has no `cnf` claim with an `x5t#S256` thumbprint (RFC 8705 §3.1). */
  | 'unbound_token'
  /** With `CLIENT_CERT_BINDING=required`: the token is bound to another certificate than the request's (RFC 8705 §3). */
  | 'certificate_mismatch';

/** Why keys could not be had. Never the caller's fault: API Gateway answers 500, never Allow. */
export type KeySourceErrorCode =
  /** The source could not be reached, or answered with an error, and no trusted cached key is left. */
  | 'key_source_unavailable'
  /** The source answered, but with something that is not a usable public key or key set. */
  | 'invalid_key_material'
  /** The SSM parameter does not exist (SSM `ParameterNotFound`). */
  | 'key_not_found'
  /** The function's role may not read the parameter (SSM `AccessDeniedException`). */
  | 'access_denied'
  /** The key store throttled the request (SSM `ThrottlingException`); retried after the back-off. */
  | 'throttled'
  /** KMS could not decrypt the SecureString: no `kms:Decrypt`, or the KMS key is disabled or missing. */
  | 'kms_failure'
  /** The request for keys took longer than `KEY_FETCH_TIMEOUT_MS`. */
  | 'key_source_timeout';

/** What is wrong with the deployment's configuration. Raised at cold start, naming the variable. */
export type ConfigErrorCode =
  /** None of the key-source variables is set. */
  | 'missing_key_source'
  /** More than one key-source variable is set, or `COGNITO_USER_POOL_ID` with `JWT_ISSUER`. */
  | 'conflicting_key_sources'
  /** A variable's value cannot be used; the message says why. */
  | 'invalid_value';

/** What is wrong with the event itself. API Gateway never sends such an event to a correctly attached authorizer: 500. */
export type EventErrorCode =
  /** The `methodArn` / `routeArn` is not an execute-api ARN, or one of its parts holds an IAM wildcard. */
  | 'invalid_method_arn'
  /** Not an event of API Gateway's authorizer formats, or one without its ARN. */
  | 'unsupported_event'
  /**
   * An event of a format that cannot carry what the configuration needs: a TOKEN event when `TOKEN_SOURCES` names no
   * header or `CLIENT_CERT_BINDING=required` (it carries one header and no certificate), or a WebSocket `$connect`
   * with route rules (a connection has no HTTP route) or with certificate binding (WebSocket APIs have no mutual TLS).
   */
  | 'incompatible_event';

/** Every code an error of this product carries: the `reason` of a refused or failed decision. */
export type ReasonCode = TokenErrorCode | KeySourceErrorCode | ConfigErrorCode | EventErrorCode;

/** The shape every error here shares: a `name` of its own, a closed `code`, and the `cause` it wraps. */
abstract class CodedError<Code extends ReasonCode> extends Error {
  readonly code: Code;
  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** The request's token was refused; `code` says why. */
export class TokenError extends CodedError<TokenErrorCode> {
  override readonly name = 'TokenError';
}

/** Keys could not be obtained or used. */
export class KeySourceError extends CodedError<KeySourceErrorCode> {
  override readonly name = 'KeySourceError';
}

/** The configuration cannot work; `variable` names the environment variable at fault. */
export class ConfigError extends CodedError<ConfigErrorCode> {
  override readonly name = 'ConfigError';
  readonly variable: string;
  constructor(code: ConfigErrorCode, variable: string, message: string, options?: ErrorOptions) {
    super(code, `${variable}: ${message}`, options);
    this.variable = variable;
  }
}

/** A method ARN that cannot be parsed, or that holds a wildcard. */
export class MethodArnError extends CodedError<'invalid_method_arn'> {
  override readonly name = 'MethodArnError';
  constructor(message: string) {
    super('invalid_method_arn', message);
  }
}

/** An event this authorizer does not handle, or cannot handle as configured (`incompatible_event`). */
export class UnsupportedEventError extends CodedError<'unsupported_event' | 'incompatible_event'> {
  override readonly name = 'UnsupportedEventError';
  constructor(message: string, code: 'unsupported_event' | 'incompatible_event' = 'unsupported_event') {
    super(code, message);
  }
}
