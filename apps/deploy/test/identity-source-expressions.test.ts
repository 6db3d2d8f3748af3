import { describe, expect, it } from 'vitest';
import { identitySourceExpressions } from '../src/identity-source-expressions.ts';

describe('identitySourceExpressions', () => {
  const sources = [
    { in: 'header', name: 'X-Api-Token' },
    { in: 'query', name: 'token' },
  ] as const;

  it('writes each API type its own mapping expressions', () => {
    expect(identitySourceExpressions(sources, 'rest')).toEqual([
      'method.request.header.X-Api-Token',
      'method.request.querystring.token',
    ]);
    expect(identitySourceExpressions(sources, 'http')).toEqual([
      '$request.header.X-Api-Token',
      '$request.querystring.token',
    ]);
    expect(identitySourceExpressions(sources, 'websocket')).toEqual([
      'route.request.header.X-Api-Token',
      'route.request.querystring.token',
    ]);
  });

  it('gives no expression for no identity source', () => {
    expect(identitySourceExpressions([], 'rest')).toEqual([]);
  });
});
