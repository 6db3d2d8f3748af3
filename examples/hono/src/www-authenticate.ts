/** The parameters of a `Bearer` challenge (RFC 6750 §3). */
export interface BearerChallenge {
  realm: string;
  /** `invalid_token` (401), `insufficient_scope` (403) or `invalid_request` (400); absent when no credential came. */
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  errorDescription?: string;
  /** The scopes the resource needs, for `insufficient_scope`. */
  scope?: readonly string[];
}

/**
 * A `WWW-Authenticate` value for a Bearer challenge. A request that carried no credential gets the bare challenge,
 * without an error code (RFC 6750 §3.1).
 *
 * @example
 * ```ts
 * wwwAuthenticate({ realm: 'api', error: 'invalid_token', errorDescription: 'token expired' });
 * // 'Bearer realm="api", error="invalid_token", error_description="token expired"'
 * ```
 */
export function wwwAuthenticate(challenge: BearerChallenge): string {
  const params = [`realm=${quote(challenge.realm)}`];
  if (challenge.error) params.push(`error="${challenge.error}"`);
  if (challenge.errorDescription) params.push(`error_description=${quote(challenge.errorDescription)}`);
  if (challenge.scope?.length) params.push(`scope=${quote(challenge.scope.join(' '))}`);
  return `Bearer ${params.join(', ')}`;
}

// RFC 6750 §3: error_description and scope values hold only %x20-21 / %x23-5B / %x5D-7E, so no `"` or `\` to
// escape; anything else (quotes, control characters, non-ASCII from a claim) is replaced rather than escaped.
function quote(value: string): string {
  return `"${value.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?')}"`;
}
