/**
 * The longest value a `{claim}` placeholder takes, in characters. Longer values make the rule give the token
 * nothing, so that the size of every policy is known at cold start: a rule's longest resource counts each
 * placeholder at this length. 64 holds UUIDs (36: Entra `tid` and `oid`, Cognito and Keycloak `sub`), ULIDs (26)
 * and Auth0 organization ids (`org_` and 16) with room to spare.
 */
export const MAX_PLACEHOLDER_VALUE_LENGTH = 64;

// RFC 3986 §2.3 unreserved characters: nothing IAM (`*`, `?`) or a path (`/`, `%`, `;`) gives a meaning to.
const VALUE = /^[A-Za-z0-9._~-]+$/;

/**
 * Why a claim's value cannot stand for a placeholder in an ARN, or undefined when it can: it must be a string of
 * 1 to {@link MAX_PLACEHOLDER_VALUE_LENGTH} characters of `A-Z a-z 0-9 . _ ~ -`, and not `.` or `..`, the
 * dot-segments a server resolves away (RFC 3986 §5.2.4), which would let `/tenants/../admin` pass as a tenant's path.
 *
 * @example
 * ```ts
 * placeholderProblem('t-42'); // undefined
 * placeholderProblem('*'); // 'holds characters other than A-Z a-z 0-9 . _ ~ - ("*")'
 * ```
 */
export function placeholderProblem(value: unknown): string | undefined {
  if (value === undefined) return 'is missing';
  if (typeof value !== 'string') return `is ${kindOf(value)}, not a string`;
  if (value === '') return 'is empty';
  if (value.length > MAX_PLACEHOLDER_VALUE_LENGTH) {
    return `is ${value.length} characters, over the ${MAX_PLACEHOLDER_VALUE_LENGTH} a placeholder takes`;
  }
  if (!VALUE.test(value)) return `holds characters other than A-Z a-z 0-9 . _ ~ - (${JSON.stringify(value)})`;
  if (value === '.' || value === '..') return `is the dot-segment "${value}"`;
  return undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
