import type { JWTPayload } from 'jose';

/** The placeholder of an issuer template: the token's own `tid` claim (multi-tenant Microsoft Entra ID). */
export const TENANT_PLACEHOLDER = '{tid}';

// What a `tid` may be to stand in an issuer: Entra ID's are GUIDs. No `/` or `.`, so a substituted value cannot add
// a path segment, climb one (`..`) or move the host; not empty, so no `//` either.
const TENANT_ID = /^[A-Za-z0-9-]+$/;

/** Says why a token's `iss` is not accepted, or `undefined` when it is; see {@link createIssuerCheck}. */
export type IssuerCheck = (claims: JWTPayload) => string | undefined;

/**
 * Compiles the accepted issuers once: a `Set` of the literal ones, and the templates split around
 * {@link TENANT_PLACEHOLDER}. An `iss` passes when it is one of the literal issuers, or equals a template with
 * `{tid}` replaced by the token's own `tid` claim, itself checked first: a non-empty string of `[A-Za-z0-9-]`.
 * Microsoft's guidance for multi-tenant apps (validate `iss` with the token's `tid` in it) is what this does;
 * which tenants are accepted is then a matter of a `tid` claim value rule.
 *
 * @example
 * ```ts
 * const check = createIssuerCheck(['https://login.microsoftonline.com/{tid}/v2.0']);
 * check({ iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47' }); // undefined
 * ```
 */
export function createIssuerCheck(issuers: readonly string[]): IssuerCheck {
  const literal = new Set(issuers.filter((issuer) => !issuer.includes(TENANT_PLACEHOLDER)));
  const templates = issuers
    .filter((issuer) => issuer.includes(TENANT_PLACEHOLDER))
    .map((issuer) => issuer.split(TENANT_PLACEHOLDER));
  return function checkIssuer(claims) {
    const { iss } = claims;
    if (typeof iss === 'string' && literal.has(iss)) return undefined;
    if (typeof iss !== 'string' || templates.length === 0) return 'unexpected "iss" claim value';
    const tid = Object.hasOwn(claims, 'tid') ? claims['tid'] : undefined;
    if (typeof tid !== 'string' || !TENANT_ID.test(tid)) {
      return 'unexpected "iss" claim value; a {tid} issuer needs a "tid" claim of letters, digits and "-"';
    }
    return templates.some((parts) => parts.join(tid) === iss) ? undefined : 'unexpected "iss" claim value';
  };
}
