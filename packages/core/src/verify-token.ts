import type { CompactJWSHeaderParameters, FlattenedJWSInput, JWTPayload, ProtectedHeaderParameters } from 'jose';
import { type Algorithm, isSupportedAlgorithm } from './algorithms.js';
import { checkClaims } from './check-claims.js';
import { type CompiledVerifyOptions, compileVerifyOptions, normalizeTyp } from './compile-verify-options.js';
import type { ClaimValues } from './create-claim-values-check.js';
import { decodeBase64url, decodeJsonObject, parseJsonObject } from './decode-token-part.js';
import { TokenError } from './errors.js';
import { isCompactJws } from './is-compact-jws.js';
import { keySelectionError } from './key-selection-error.js';
import type { KeySource } from './key-source.js';
import { MAX_PRINCIPAL_LENGTH, MAX_USAGE_IDENTIFIER_LENGTH } from './response-budget.js';
import { verifySignature } from './verify-signature.js';

/** Options of {@link verifyToken}. Secure by default: only `algorithms` must be chosen. */
export interface VerifyTokenOptions {
  /** Accepted `alg` values; a token with any other is refused before a key is looked up. */
  algorithms: readonly Algorithm[];
  /**
   * Accepted `typ` header values, compared as media types (case-insensitive, `application/` optional: RFC 7515
   * §4.1.9), e.g. `['at+jwt']` (RFC 9068). A token without `typ` is then refused (RFC 8725 §3.11), before a key is
   * looked up. Unchecked when absent.
   */
  typ?: readonly string[] | undefined;
  /**
   * Accepted `iss` values; unchecked when absent. An entry holding `{tid}` matches an `iss` in which `{tid}` is the
   * token's own `tid` claim, a non-empty string of `[A-Za-z0-9-]` (multi-tenant Entra ID).
   */
  issuer?: readonly string[] | undefined;
  /**
   * Accepted audiences; unchecked when absent. A token with `aud` (string or array) must hold one in it; a token
   * without `aud` must have one as its `client_id` (Amazon Cognito access tokens), as API Gateway's JWT authorizer.
   */
  audience?: readonly string[] | undefined;
  /** Leeway in seconds for `exp`, `nbf`, `iat`. Default {@link DEFAULT_CLOCK_TOLERANCE_SECONDS}. */
  clockToleranceSeconds?: number | undefined;
  /** Claims that must be present. Default `['exp']`: a token without `exp` never expires (RFC 8725 §3.10). */
  requiredClaims?: readonly string[] | undefined;
  /** `iat` is then required and may be at most this many seconds old (beyond the clock tolerance). */
  maxTokenAgeSeconds?: number | undefined;
  /** Required claim values, checked after the registered claims; see `createClaimValuesCheck`. */
  claimValues?: ClaimValues | undefined;
  /**
   * The claim that names the caller, or an ordered list of them: the first present as a non-empty string is the
   * principal. Default `sub`.
   */
  principalClaim?: string | readonly string[] | undefined;
  /**
   * A claim that must be a non-empty string of at most 128 characters: the token's usage identifier, the API key
   * of a REST API usage plan whose key source is `AUTHORIZER` (`usageIdentifierKey` of the response). A token
   * without it is refused (`missing_usage_identifier`). Unchecked when absent.
   */
  usageIdentifierClaim?: string | undefined;
  /** The time to check against. Default: now. */
  currentDate?: Date | undefined;
}

/** A token whose signature and claims were verified. */
export interface VerifiedToken {
  header: ProtectedHeaderParameters;
  claims: JWTPayload;
  principalId: string;
  /** With `usageIdentifierClaim`: that claim's value. */
  usageIdentifier?: string;
}

// Header members that would let the token choose its own key (RFC 8725 §3.10, RFC 7515 §4.1.2-4.1.6).
const KEY_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'] as const;

/**
 * Verifies a compact JWS with a key from `keySource` and checks its claims. jose parses and selects the key (the
 * key source's `getKey`); the signature is checked synchronously with `node:crypto` (see verify-signature.ts).
 * The order: the header (`alg`, embedded keys, `crit`, then `typ`), the key, the signature, the registered claims
 * in jose's order (check-claims.ts), the claim values, the principal. The options are compiled on every call:
 * to verify many tokens with the same options, `createTokenVerifier` compiles them once.
 *
 * @throws {TokenError} with the reason for any refusal; errors of the key source pass through unchanged.
 * @example
 * ```ts
 * const { principalId, claims } = await verifyToken(jwt, keySource, { algorithms: ['RS256'], issuer: ['https://idp'] });
 * ```
 */
export async function verifyToken(
  token: string,
  keySource: KeySource,
  options: VerifyTokenOptions,
): Promise<VerifiedToken> {
  return (await verifyFully(token, keySource, compileVerifyOptions(options))).verified;
}

/** What {@link verifyFully} found: the verified token, the key that verified it, and the parts of the token. */
export interface Verification {
  verified: VerifiedToken;
  /** The key object the source returned; a cache compares it by identity to see the key is still current. */
  key: unknown;
  input: FlattenedJWSInput;
}

/** {@link verifyToken}, also returning what a cache of verified tokens needs. Internal to the package. */
export async function verifyFully(
  token: string,
  keySource: KeySource,
  options: CompiledVerifyOptions,
): Promise<Verification> {
  const parts = token.split('.');
  // RFC 7515 §7.1: exactly three parts; a JWE (five parts) is not a signed token.
  if (parts.length !== 3) throw new TokenError('malformed_token', 'token is not a compact JWS of three parts');
  const [protectedPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeHeader(protectedPart);
  const alg = checkHeader(header, options);
  // Decoded before the key is looked up, so that a malformed token never causes a JWKS fetch.
  // Strict (canonical) base64url: otherwise the unused low bits of a part's last character give one signature up
  // to 16 spellings that all verify, each a new key of API Gateway's result cache (RFC 4648 §3.5).
  // A token of the compact JWS shape (which the extractors have just checked, see isCompactJws) is base64url
  // throughout; what remains to check of each part is its length and its last character.
  const inAlphabet = isCompactJws(token);
  const signature = decodeBase64url(signaturePart, inAlphabet);
  if (signature === undefined) throw new TokenError('malformed_token', 'token signature is not canonical base64url');
  const payload = decodeBase64url(payloadPart, inAlphabet);
  if (payload === undefined) throw new TokenError('malformed_token', 'token payload is not canonical base64url');
  const input = { protected: protectedPart, payload: payloadPart, signature: signaturePart };
  let key: Awaited<ReturnType<KeySource['getKey']>>;
  try {
    // A key source that has the key answers synchronously; awaiting a value would still cost a turn of the queue.
    const found = keySource.getKey(header as CompactJWSHeaderParameters, input);
    key = found instanceof Promise ? await found : found;
  } catch (error) {
    throw keySelectionError(error);
  }
  // A slice of the token, not a concatenation: no copy before the one into the bytes node:crypto reads.
  const signingInput = token.slice(0, protectedPart.length + 1 + payloadPart.length);
  if (!verifySignature(alg, key, signingInput, signature)) {
    throw new TokenError('bad_signature', 'signature verification failed');
  }
  const claims = parseJsonObject(payload) as JWTPayload | undefined;
  if (claims === undefined) throw new TokenError('malformed_token', 'token payload is not a JSON object');
  checkClaims(claims, options, (options.currentDate?.getTime() ?? Date.now()) / 1000);
  options.claimValues?.(claims);
  const principalId = readPrincipal(claims, options.principalClaims);
  const { usageIdentifierClaim } = options;
  const verified: VerifiedToken = { header, claims, principalId };
  if (usageIdentifierClaim !== undefined) verified.usageIdentifier = readUsageIdentifier(claims, usageIdentifierClaim);
  return { verified, key, input };
}

// The headers of recent tokens, decoded. Tokens signed by one key share one header text (alg, typ, kid), so this
// skips a base64url and a JSON decode on nearly every token. Bounded: emptied when full, for headers an attacker
// varies. The header objects are frozen: every token with that header shares its object.
const HEADERS_REMEMBERED = 16;
const headers = new Map<string, ProtectedHeaderParameters>();

function decodeHeader(protectedPart: string): ProtectedHeaderParameters {
  let header = headers.get(protectedPart);
  if (header === undefined) {
    header = decodeJsonObject(protectedPart) as ProtectedHeaderParameters | undefined;
    if (header === undefined) throw new TokenError('malformed_token', 'token header is not base64url-encoded JSON');
    if (headers.size >= HEADERS_REMEMBERED) headers.clear();
    headers.set(protectedPart, Object.freeze(header));
  }
  return header;
}

function checkHeader(header: ProtectedHeaderParameters, options: CompiledVerifyOptions): Algorithm {
  const { algorithms, typ: types } = options;
  const { alg, typ } = header;
  if (typeof alg !== 'string') throw new TokenError('malformed_token', 'token header has no "alg"');
  if (alg.toLowerCase() === 'none') throw new TokenError('unsigned_token', 'token is unsigned ("alg": "none")');
  if (!isSupportedAlgorithm(alg) || !algorithms.includes(alg)) {
    throw new TokenError('alg_not_allowed', `"alg" ${JSON.stringify(alg.slice(0, 20))} is not allowed`);
  }
  const embedded = KEY_HEADERS.find((name) => Object.hasOwn(header, name));
  if (embedded)
    throw new TokenError('embedded_key', `token header carries "${embedded}"; keys come only from configuration`);
  if (Object.hasOwn(header, 'crit') || Object.hasOwn(header, 'b64')) {
    throw new TokenError('unsupported_crit', 'token header uses "crit" or "b64"; no JWS extension is supported');
  }
  // Explicit typing (RFC 8725 §3.11): checked before the key, so that a token of another kind costs no fetch.
  if (types && (typeof typ !== 'string' || !types.has(normalizeTyp(typ)))) {
    const got = typeof typ === 'string' ? `"typ" ${JSON.stringify(typ.slice(0, 40))} is` : 'no "typ" is';
    throw new TokenError('wrong_type', `${got} not one of the accepted token types`);
  }
  return alg;
}

/** The usage identifier claim: a non-empty string that fits the response (API Gateway's 8 KiB). */
function readUsageIdentifier(claims: JWTPayload, name: string): string {
  const value = Object.hasOwn(claims, name) ? claims[name] : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_USAGE_IDENTIFIER_LENGTH) {
    throw new TokenError(
      'missing_usage_identifier',
      `usage identifier claim "${name}" is missing, empty, not a string or over ${MAX_USAGE_IDENTIFIER_LENGTH} characters`,
    );
  }
  return value;
}

/** The first of `names` present as a non-empty string; one found but too long is refused, not skipped. */
function readPrincipal(claims: JWTPayload, names: readonly string[]): string {
  for (const name of names) {
    const value = Object.hasOwn(claims, name) ? claims[name] : undefined;
    if (typeof value !== 'string' || value.length === 0) continue;
    if (value.length > MAX_PRINCIPAL_LENGTH) {
      throw new TokenError('invalid_principal', `principal claim "${name}" is over ${MAX_PRINCIPAL_LENGTH} characters`);
    }
    return value;
  }
  const named = names.map((name) => `"${name}"`).join(', ');
  throw new TokenError(
    'invalid_principal',
    names.length === 1
      ? `principal claim ${named} is missing, empty or not a string`
      : `none of the principal claims ${named} is a non-empty string`,
  );
}
