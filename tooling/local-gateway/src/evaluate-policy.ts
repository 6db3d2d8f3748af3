/** What IAM policy evaluation decides for one request (IAM User Guide, "Policy evaluation logic"). */
export type PolicyVerdict = 'allow' | 'explicit-deny' | 'implicit-deny';

/** An IAM statement as an authorizer returns it (already checked by `validateResponse`). */
export interface PolicyStatementLike {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
}

/**
 * IAM's wildcards: `*` any run of characters, `/` included; `?` one character.
 *
 * @example
 * ```ts
 * iamMatch('arn:aws:execute-api:us-east-1:123456789012:api/prod/*', arn); // true for every route of prod
 * ```
 */
export function iamMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

/**
 * Evaluates an authorizer's policy for `execute-api:Invoke` on `arn` as API Gateway does: a matching Deny wins
 * over any Allow; with no matching statement the request is denied implicitly. Written independently of the
 * authorizer's own matcher, so that it referees it rather than repeats it.
 *
 * @example
 * ```ts
 * evaluatePolicy(response.policyDocument.Statement, 'arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/pets');
 * ```
 */
export function evaluatePolicy(statements: readonly PolicyStatementLike[], arn: string): PolicyVerdict {
  let allowed = false;
  for (const statement of statements) {
    // Action names are case-insensitive in IAM; resources are not.
    const action = list(statement.Action).some((pattern) => iamMatch(pattern, 'execute-api:Invoke', true));
    const resource = list(statement.Resource).some((pattern) => iamMatch(pattern, arn));
    if (!action || !resource) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}
