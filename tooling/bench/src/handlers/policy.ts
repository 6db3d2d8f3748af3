// What every contestant handler shares: a REST API TOKEN event in, an Allow policy out, `Error('Unauthorized')`
// for any refusal. Minimal (no context, no logging): the cheapest correct handler a user could write on each
// library, so the comparison flatters the others, not ours.

/** The part of an API Gateway TOKEN event the handlers read. */
export type TokenEvent = { type: 'TOKEN'; authorizationToken: string; methodArn: string };

/** A variable the handler cannot run without. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * Verifies the `Bearer` token of `event` with `verify` and allows the event's method ARN for its `sub`.
 * @example export const handler = (event: TokenEvent) => authorize(event, verifyFloor);
 */
export async function authorize(event: TokenEvent, verify: (token: string) => unknown) {
  let sub: unknown;
  try {
    if (!/^bearer /i.test(event.authorizationToken)) throw new Error('no bearer token');
    ({ sub } = (await verify(event.authorizationToken.slice(7))) as { sub?: unknown });
  } catch {
    throw new Error('Unauthorized');
  }
  if (typeof sub !== 'string' || sub === '') throw new Error('Unauthorized');
  const Statement = [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }];
  return { principalId: sub, policyDocument: { Version: '2012-10-17', Statement } };
}
