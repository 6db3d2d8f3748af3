/**
 * The size budget of an authorizer response, in one place. API Gateway refuses a Lambda authorizer response over
 * 8 KiB (a 500 for the caller), and IAM caps each resource of its policy at 512 characters. The response is a
 * principal, a policy and a context; each gets a share, and a route policy's share is checked at cold start.
 */

/** API Gateway's limit on a whole authorizer response, in bytes of JSON. */
export const AUTHORIZER_RESPONSE_LIMIT_BYTES = 8192;
/** IAM's limit on one resource ARN in an authorizer policy. */
export const MAX_RESOURCE_LENGTH = 512;
/** Longest principal accepted, in characters. */
export const MAX_PRINCIPAL_LENGTH = 1024;
/** Longest usage identifier (`usageIdentifierKey`) accepted: API Gateway's API key values are 20 to 128 characters. */
export const MAX_USAGE_IDENTIFIER_LENGTH = 128;
/** Bytes of a policy response other than its resources, principal and context (keys, Version, Action, Effect). */
export const POLICY_ENVELOPE_BYTES = 512;
/** The context's budget, in bytes of JSON, when nothing else needs more room. */
export const DEFAULT_CONTEXT_BUDGET_BYTES = 4096;
/** The least room a route policy leaves the context, in bytes of JSON. */
const MIN_CONTEXT_BYTES = 1024;
/**
 * The share of the response a route policy's resources may take: what is left of the 8 KiB once the longest
 * principal, the policy's envelope and the least context are counted.
 */
export const ROUTE_POLICY_BUDGET_BYTES =
  AUTHORIZER_RESPONSE_LIMIT_BYTES - MAX_PRINCIPAL_LENGTH - POLICY_ENVELOPE_BYTES - MIN_CONTEXT_BYTES;

// `,"usageIdentifierKey":` around the value.
const USAGE_KEY_BYTES = 22;

/**
 * What is left of API Gateway's 8 KiB for the context, once the principal, the policy's resources and the usage
 * identifier (when there is one) are counted;
 * never more than {@link DEFAULT_CONTEXT_BUDGET_BYTES}.
 *
 * @example
 * ```ts
 * buildContext(claims, { budgetBytes: contextBudget(principalId, resources) });
 * ```
 */
export function contextBudget(principalId: string, resources: readonly string[], usageIdentifier = ''): number {
  // An upper bound first, as buildContext counts: a character is at most 6 bytes of JSON (a \uXXXX escape), and
  // the quotes, brackets and commas are counted. Nearly every response leaves the whole default budget, and then
  // nothing is serialized to say so (this runs on every request).
  let bound = POLICY_ENVELOPE_BYTES + 6 * principalId.length + 2 + 2;
  for (const resource of resources) bound += 6 * resource.length + 3;
  if (usageIdentifier !== '') bound += 6 * usageIdentifier.length + 2 + USAGE_KEY_BYTES;
  if (bound + DEFAULT_CONTEXT_BUDGET_BYTES <= AUTHORIZER_RESPONSE_LIMIT_BYTES) return DEFAULT_CONTEXT_BUDGET_BYTES;
  const used =
    POLICY_ENVELOPE_BYTES +
    Buffer.byteLength(JSON.stringify(principalId)) +
    Buffer.byteLength(JSON.stringify(resources)) +
    (usageIdentifier === '' ? 0 : Buffer.byteLength(JSON.stringify(usageIdentifier)) + USAGE_KEY_BYTES);
  return Math.max(0, Math.min(DEFAULT_CONTEXT_BUDGET_BYTES, AUTHORIZER_RESPONSE_LIMIT_BYTES - used));
}
