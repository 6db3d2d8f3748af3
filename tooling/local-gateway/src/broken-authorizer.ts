/**
 * An authorizer whose response breaks API Gateway's contract: an object in `context` (REST APIs accept only
 * strings, numbers and booleans). The demo attaches it to `/broken/...` to show the 500 the real gateway gives.
 *
 * @example
 * ```ts
 * await handler(); // { principalId: 'broken', policyDocument: ..., context: { roles: { admin: true } } }
 * ```
 */
export async function handler(): Promise<unknown> {
  return {
    principalId: 'broken',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' }],
    },
    context: { roles: { admin: true } },
  };
}
