import { ConfigError } from './errors.js';
import { MAX_PLACEHOLDER_VALUE_LENGTH } from './placeholder-value.js';
import { MAX_RESOURCE_LENGTH, ROUTE_POLICY_BUDGET_BYTES } from './response-budget.js';
import type { RouteRule } from './route-rule.js';

/**
 * The longest `arn:{partition}:execute-api:{region}:{account}:{api-id}/{stage}/` API Gateway can send: the
 * `aws-us-gov` partition, a region of up to 20 characters, a 12-digit account, a 10-character API id and a stage
 * name of up to 128 characters (API Gateway's limit). Rule sets are checked against it at cold start, so a policy
 * that fits here fits for every stage.
 */
export const LONGEST_ARN_PREFIX_LENGTH = 'arn:aws-us-gov:execute-api:'.length + 20 + 1 + 12 + 1 + 10 + 1 + 128 + 1;

// Each resource of the policy's array costs its quotes and a comma.
const PER_RESOURCE_JSON_BYTES = 3;

/**
 * Proves at cold start that every policy the rules can make fits: each resource within IAM's 512 characters and
 * all of them, every rule permitting at once, within the route policy's share of API Gateway's 8 KiB response. The
 * worst case is counted: the longest ARN prefix, and each `{claim}` at {@link MAX_PLACEHOLDER_VALUE_LENGTH}.
 *
 * @throws {ConfigError} `invalid_value` on `variable`, saying which limit is passed and by how much.
 * @example
 * ```ts
 * checkRouteBudget(rules, 'ROUTE_RULES');
 * ```
 */
export function checkRouteBudget(rules: readonly RouteRule[], variable: string): void {
  let bytes = 0;
  for (const rule of rules) {
    const path = longestPathLength(rule);
    const placeholders = rule.segments.some((segment) => segment.kind === 'placeholder');
    for (const method of rule.methods) {
      const length = LONGEST_ARN_PREFIX_LENGTH + method.length + 1 + path;
      if (length > MAX_RESOURCE_LENGTH) {
        throw new ConfigError(
          'invalid_value',
          variable,
          `rule "${rule.route}" can make a resource of ${length} characters, over IAM's ${MAX_RESOURCE_LENGTH} by ` +
            `${length - MAX_RESOURCE_LENGTH}${placeholders ? ` (each {claim} counted at its longest, ${MAX_PLACEHOLDER_VALUE_LENGTH} characters)` : ''}`,
        );
      }
      bytes += length + PER_RESOURCE_JSON_BYTES;
    }
  }
  if (bytes > ROUTE_POLICY_BUDGET_BYTES) {
    throw new ConfigError(
      'invalid_value',
      variable,
      `the rules can make a policy of ${bytes} bytes of resources, over the ${ROUTE_POLICY_BUDGET_BYTES} that fit ` +
        `API Gateway's 8 KiB response by ${bytes - ROUTE_POLICY_BUDGET_BYTES}: use fewer rules, a wildcard path, or ` +
        'methods instead of ANY',
    );
  }
}

/** The characters of the rule's resource path at its longest: literal segments as they are, placeholders at the cap. */
function longestPathLength(rule: RouteRule): number {
  const separators = Math.max(0, rule.segments.length - 1);
  return rule.segments.reduce(
    (sum, segment) =>
      sum +
      (segment.kind === 'literal'
        ? segment.text.length
        : segment.kind === 'wildcard'
          ? 1
          : MAX_PLACEHOLDER_VALUE_LENGTH),
    separators,
  );
}
