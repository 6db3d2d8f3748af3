import { decodeJsonObject } from './decode-token-part.js';

/** What can be read from a token without trusting it, for logs and diagnostics. */
export interface TokenDescription {
  alg?: string;
  kid?: string;
  iss?: string;
}

// Values from an unverified token are attacker-chosen: keep them short in logs.
const MAX_FIELD_LENGTH = 128;

/**
 * Reads `alg`, `kid` and `iss` from a token without verifying anything; fields that cannot be read are absent.
 * For logging a refusal only: never base a decision on it.
 *
 * @example
 * ```ts
 * describeToken(jwt); // { alg: 'RS256', kid: 'k1', iss: 'https://idp.example/' }
 * ```
 */
export function describeToken(token: string): TokenDescription {
  const description: TokenDescription = {};
  // An unreadable part leaves its fields out (the refusal's reason code says what was wrong); an unreadable header
  // leaves the payload unread too.
  const [headerPart = '', payloadPart = ''] = token.split('.', 2);
  const header = decodeJsonObject(headerPart);
  if (header === undefined) return description;
  const { alg, kid } = header;
  if (typeof alg === 'string') description.alg = alg.slice(0, MAX_FIELD_LENGTH);
  if (typeof kid === 'string') description.kid = kid.slice(0, MAX_FIELD_LENGTH);
  const iss = decodeJsonObject(payloadPart)?.['iss'];
  if (typeof iss === 'string') description.iss = iss.slice(0, MAX_FIELD_LENGTH);
  return description;
}
