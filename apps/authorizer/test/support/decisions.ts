import { METHOD_ARN } from '@jwt-authorizer/test-fixtures';
import type { BuiltRun } from './built-handler.js';

/** A REST API TOKEN event carrying `token` as a bearer credential. */
export const tokenEvent = (token: string) => ({
  type: 'TOKEN',
  authorizationToken: `Bearer ${token}`,
  methodArn: METHOD_ARN,
});

/** The decision of each invocation of a run, in order: `allow` with its principal, or the refusal's reason code. */
export function decisions(run: BuiltRun): string[] {
  const lines = run.logs.filter((line) => line['outcome'] !== undefined);
  return lines.map((line) =>
    line['outcome'] === 'allow' ? `allow ${String(line['principal'])}` : `${line['outcome']} ${String(line['reason'])}`,
  );
}

/** The `context` of the response to invocation `index` of a run (the first by default). */
export function contextOf(run: BuiltRun, index = 0): Record<string, unknown> {
  return ((run.results[index]?.response ?? {}) as { context?: Record<string, unknown> }).context ?? {};
}
