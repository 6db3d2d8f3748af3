import { METHOD_ARN, SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { invokeBuilt } from './support/built-handler.js';

describe('metrics of the built handler', () => {
  it('counts allows and refusals by outcome and reason, in the decision lines', () => {
    const event = (token: string) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: METHOD_ARN });
    const { logs } = invokeBuilt({ ...SEED_ENV, LOG_LEVEL: 'WARN' }, [
      event(SEED_TOKEN_VALID),
      event(SEED_TOKEN_BAD_SIGNATURE),
    ]);
    const metricLines = logs.filter((line) => line['_aws']);
    expect(metricLines).toMatchObject([
      { outcome: 'allow', decisions: 1, durationMs: expect.any(Number) },
      { outcome: 'unauthorized', reason: 'bad_signature', decisions: 1, level: 'WARN' },
    ]);
    expect(metricLines[0]).not.toHaveProperty('principal'); // below LOG_LEVEL: metrics only
    expect(metricLines[1]?.['_aws']).toMatchObject({
      CloudWatchMetrics: [{ Namespace: 'JwtAuthorizer', Dimensions: [['outcome'], ['outcome', 'reason']] }],
    });
  });
});
