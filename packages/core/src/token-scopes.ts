/**
 * The scopes a verified token holds: the space-separated `scope` claim (RFC 8693 §4.2, RFC 9068 §2.2.3) and the
 * `scp` claim, a string or an array of strings (Azure AD, Okta). Values of another type are ignored.
 *
 * @example
 * ```ts
 * tokenScopes({ scope: 'pets:read pets:write', scp: ['admin'] }); // Set { 'pets:read', 'pets:write', 'admin' }
 * ```
 */
export function tokenScopes(claims: Readonly<Record<string, unknown>>): Set<string> {
  const scopes = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') for (const scope of value.split(/\s+/)) if (scope) scopes.add(scope);
  };
  add(Object.hasOwn(claims, 'scope') ? claims['scope'] : undefined);
  const scp = Object.hasOwn(claims, 'scp') ? claims['scp'] : undefined;
  if (Array.isArray(scp)) scp.forEach(add);
  else add(scp);
  return scopes;
}
