import { describe, expect, it } from 'vitest';
import type { Log } from '../src/log.js';
import { logKeySourceEvent } from '../src/log-key-source-event.js';

function capture() {
  const lines: Array<Parameters<Log>> = [];
  const log: Log = (...line) => {
    lines.push(line);
  };
  return { log, lines };
}

describe('logKeySourceEvent', () => {
  it('warns of a member left out that is worth asking about, and notes a routine one at INFO', () => {
    const { log, lines } = capture();
    logKeySourceEvent(log, { type: 'key_left_out', source: 'jwks', reason: 'key 0: weak', routine: false });
    logKeySourceEvent(log, { type: 'key_left_out', source: 'ssm', reason: 'key 1: another algorithm', routine: true });
    expect(lines).toEqual([
      ['WARN', 'key left out', { source: 'jwks', detail: 'key 0: weak' }],
      ['INFO', 'key left out', { source: 'ssm', detail: 'key 1: another algorithm' }],
    ]);
  });

  it('logs a discovery request as a key fetch, with its metrics by source and result', () => {
    const { log, lines } = capture();
    logKeySourceEvent(log, { type: 'fetch', source: 'discovery', ok: true, durationMs: 12.34 });
    logKeySourceEvent(log, {
      type: 'fetch',
      source: 'discovery',
      ok: false,
      durationMs: 2000,
      code: 'key_source_timeout',
    });
    expect(lines.map(([level, message, fields]) => [level, message, fields])).toEqual([
      ['INFO', 'keys fetched', { source: 'discovery', result: 'ok' }],
      ['WARN', 'key fetch failed', { source: 'discovery', result: 'error', reason: 'key_source_timeout' }],
    ]);
    expect(lines[0]?.[3]).toMatchObject({
      dimensions: [['source', 'result']],
      values: { keyFetches: { value: 1 }, keyFetchMs: { value: 12.3 } },
    });
  });
});
