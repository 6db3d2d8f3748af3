import type { PolicyStatementLike } from './evaluate-policy.ts';

/** A response that honours API Gateway's contract, or why it does not. */
export type ValidatedResponse =
  | { kind: 'policy'; principalId: string; statements: PolicyStatementLike[]; context: Record<string, unknown> }
  | { kind: 'simple'; isAuthorized: boolean; context: Record<string, unknown> }
  | { kind: 'invalid'; problem: string };

/** API Gateway's limit on an authorizer response. */
const RESPONSE_LIMIT_BYTES = 8192;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringOrStrings = (value: unknown) =>
  typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));

/**
 * Checks an authorizer's response as API Gateway does before using it
 * (api-gateway-lambda-authorizer-output.html, http-api-lambda-authorizer.html): a policy response needs a
 * non-empty `principalId`, a `policyDocument` whose statements each have `Effect` `Allow` or `Deny`, an `Action`
 * and a `Resource`; a simple response needs a boolean `isAuthorized`; a `context` may hold only strings, numbers
 * and booleans. Anything else, and anything over 8 KiB, is what the real gateway answers with 500.
 *
 * @example
 * ```ts
 * validateResponse({ isAuthorized: true }, 'simple'); // { kind: 'simple', isAuthorized: true, context: {} }
 * ```
 */
export function validateResponse(response: unknown, expected: 'policy' | 'simple'): ValidatedResponse {
  const invalid = (problem: string) => ({ kind: 'invalid', problem }) as const;
  if (!isObject(response)) return invalid('the response is not an object');
  if (Buffer.byteLength(JSON.stringify(response)) > RESPONSE_LIMIT_BYTES) return invalid('the response is over 8 KiB');
  const context = response['context'] ?? {};
  if (!isObject(context)) return invalid('context is not an object');
  for (const [name, value] of Object.entries(context)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      return invalid(
        `context.${name} is ${value === null ? 'null' : typeof value}: only strings, numbers and booleans`,
      );
    }
  }
  if (expected === 'simple') {
    if (typeof response['isAuthorized'] !== 'boolean') return invalid('isAuthorized is not a boolean');
    return { kind: 'simple', isAuthorized: response['isAuthorized'], context };
  }
  const { principalId, policyDocument } = response;
  if (typeof principalId !== 'string' || principalId === '') return invalid('principalId is missing or not a string');
  if (!isObject(policyDocument)) return invalid('policyDocument is missing');
  const statements = policyDocument['Statement'];
  if (!Array.isArray(statements) || statements.length === 0) return invalid('policyDocument.Statement is empty');
  for (const statement of statements as unknown[]) {
    if (!isObject(statement)) return invalid('a statement is not an object');
    if (statement['Effect'] !== 'Allow' && statement['Effect'] !== 'Deny') {
      return invalid(`Effect ${JSON.stringify(statement['Effect'])} is neither "Allow" nor "Deny"`);
    }
    if (!isStringOrStrings(statement['Action'])) return invalid('a statement has no Action');
    if (!isStringOrStrings(statement['Resource'])) return invalid('a statement has no Resource');
  }
  return { kind: 'policy', principalId, statements: statements as PolicyStatementLike[], context };
}
