import { parseTokenSources } from '@jwt-authorizer/core';
import { describe, expect, it } from 'vitest';
import { tokenCarrier } from '../../src/events/token-carrier.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';
const SOURCES = parseTokenSources('query:token,header:X-Api-Token,header:Authorization,cookie:session');

describe('tokenCarrier', () => {
  it('gives a TOKEN event its value as the first header source, and that source alone', () => {
    expect(tokenCarrier({ format: 'rest-token', arn: ARN, authorizationToken: 'v' }, SOURCES)).toEqual({
      carrier: { headers: { 'X-Api-Token': 'v' } },
      sources: [{ kind: 'header', name: 'X-Api-Token' }],
    });
  });

  it('gives a TOKEN event nothing to read when no source is a header', () => {
    expect(
      tokenCarrier({ format: 'rest-token', arn: ARN, authorizationToken: 'v' }, parseTokenSources('query:t')),
    ).toEqual({
      carrier: {},
      sources: [],
    });
  });

  it('gives every other event its whole request and every source', () => {
    const carrier = { headers: { a: 'b' }, query: { token: 't' } };
    expect(tokenCarrier({ format: 'websocket', arn: ARN, carrier }, SOURCES)).toEqual({ carrier, sources: SOURCES });
    expect(tokenCarrier({ format: 'http-2.0', arn: ARN }, SOURCES)).toEqual({ carrier: {}, sources: SOURCES });
  });
});
