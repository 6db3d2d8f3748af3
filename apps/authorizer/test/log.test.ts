import { METHOD_ARN, SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { createJsonLog } from '../src/log.js';
import { invokeBuilt } from './support/built-handler.js';

const count = { dimensions: [['outcome']], values: { decisions: { value: 1, unit: 'Count' as const } } };

describe('createJsonLog', () => {
  it('writes one JSON line with the embedded metrics of the CloudWatch EMF specification', () => {
    const lines: string[] = [];
    createJsonLog((line) => lines.push(line), { namespace: 'Team/Auth' })(
      'INFO',
      'decision',
      { outcome: 'allow' },
      count,
    );
    const line = JSON.parse(lines[0] as string);
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'decision',
      outcome: 'allow',
      decisions: 1,
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          { Namespace: 'Team/Auth', Dimensions: [['outcome']], Metrics: [{ Name: 'decisions', Unit: 'Count' }] },
        ],
      },
    });
  });

  it('drops lines below the level, but keeps their metrics and dimensions only', () => {
    const lines: string[] = [];
    const log = createJsonLog((line) => lines.push(line), { level: 'ERROR' });
    log('INFO', 'keys fetched', { source: 'jwks' });
    log('INFO', 'decision', { outcome: 'allow', principal: 'alice' }, count);
    log('ERROR', 'failed', { outcome: 'error' });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { outcome: 'allow', decisions: 1, _aws: expect.any(Object) },
      expect.objectContaining({ level: 'ERROR', message: 'failed' }),
    ]);
  });
});

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
