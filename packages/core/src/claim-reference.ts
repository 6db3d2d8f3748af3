import { tokenScopes } from './token-scopes.js';

/**
 * Where a condition or a placeholder reads the token: its scopes (`scope`), a top-level claim (any other name,
 * dots, colons and slashes included), or a JSON Pointer into nested claims (a name starting with `/`).
 */
export type ClaimReference =
  | { kind: 'scopes' }
  | { kind: 'claim'; name: string }
  | { kind: 'pointer'; tokens: readonly string[] };

// RFC 6901 §3: in a reference token, "~" is only ever the start of "~0" ("~") or "~1" ("/").
const BAD_ESCAPE = /~(?![01])/;
// RFC 6901 §4: an array index is "0" or digits without a leading zero; "-" (past the end) never names a value.
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * Reads a condition's or placeholder's name: `scope` is the token's scopes, a name starting with `/` a JSON Pointer
 * (RFC 6901), any other non-empty name a top-level claim, as it is (`cognito:groups`, `https://example.com/roles`).
 * Undefined for a name that is none of these: empty, or a pointer with a `~` not followed by `0` or `1`.
 *
 * @example
 * ```ts
 * parseClaimReference('/realm_access/roles'); // { kind: 'pointer', tokens: ['realm_access', 'roles'] }
 * parseClaimReference('cognito:groups'); // { kind: 'claim', name: 'cognito:groups' }
 * ```
 */
export function parseClaimReference(name: string): ClaimReference | undefined {
  if (name === 'scope') return { kind: 'scopes' };
  if (name === '') return undefined;
  if (!name.startsWith('/')) return { kind: 'claim', name };
  if (BAD_ESCAPE.test(name)) return undefined;
  // "~1" first, then "~0", so that "~01" reads as "~1" literally (RFC 6901 §4).
  const tokens = name
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  return { kind: 'pointer', tokens };
}

/**
 * The value a reference names in a token's claims, or undefined when there is none. Only own members are read
 * (`Object.hasOwn`), and arrays only at their indices, so no name (`__proto__`, `constructor`, `length`) ever
 * reaches a prototype or a built-in property. `scope` gives the scopes as an array (see {@link tokenScopes}).
 *
 * @example
 * ```ts
 * readClaim({ realm_access: { roles: ['admin'] } }, parseClaimReference('/realm_access/roles')!); // ['admin']
 * ```
 */
export function readClaim(claims: Readonly<Record<string, unknown>>, reference: ClaimReference): unknown {
  if (reference.kind === 'scopes') return [...tokenScopes(claims)];
  if (reference.kind === 'claim') return member(claims, reference.name);
  let value: unknown = claims;
  for (const token of reference.tokens) {
    value = member(value, token);
    if (value === undefined) return undefined;
  }
  return value;
}

function member(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return ARRAY_INDEX.test(name) ? value[Number(name)] : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}
