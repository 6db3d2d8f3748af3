import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonLog, isoTimestamp } from '../src/log.js';

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

  it('writes each line with its own metric values and the namespace of its log, the metrics object shared', () => {
    const lines: string[] = [];
    const duration = { value: 1.5, unit: 'Milliseconds' as const };
    const metrics = {
      dimensions: [['outcome']],
      values: { decisions: { value: 1, unit: 'Count' as const }, duration },
    };
    const [a, b] = ['A', 'B'].map((namespace) => createJsonLog((line) => lines.push(line), { namespace }));
    a?.('INFO', 'decision', { outcome: 'allow' }, metrics);
    duration.value = 2.25;
    b?.('INFO', 'decision', { outcome: 'allow' }, metrics);
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect([first.duration, second.duration]).toEqual([1.5, 2.25]);
    expect(first._aws.CloudWatchMetrics[0].Namespace).toBe('A');
    expect(second._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'B',
      Dimensions: [['outcome']],
      Metrics: [
        { Name: 'decisions', Unit: 'Count' },
        { Name: 'duration', Unit: 'Milliseconds' },
      ],
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

describe('createJsonLog, given the same fields object again', () => {
  it('serializes it once for lines in a row, and any other object anew', () => {
    const lines: string[] = [];
    const log = createJsonLog((line) => lines.push(line));
    let serialized = 0;
    const fields = { toJSON: () => ({ n: ++serialized }) };
    log('INFO', 'a', fields, count);
    log('WARN', 'b', fields, count);
    log('INFO', 'c', { other: true });
    log('INFO', 'd', fields);
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'INFO', message: 'a', n: 1, decisions: 1 },
      { level: 'WARN', message: 'b', n: 1, decisions: 1 },
      { message: 'c', other: true },
      { message: 'd', n: 2 },
    ]);
  });
});

describe('isoTimestamp', () => {
  it('writes what toISOString writes, at every kind of instant', () => {
    const instants = [
      0,
      1,
      999,
      59_999,
      60_000,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2028, 1, 29, 9, 5, 7, 30),
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
    );
    for (const ms of instants) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
