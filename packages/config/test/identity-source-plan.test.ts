import { ConfigError } from '@jwt-authorizer/core';
import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { type Env, identitySourcePlan, parseConfig } from '../src/index.js';

const PEM = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----';
const request = (env: Env) => parseConfig({ JWT_PUBLIC_KEY: PEM, ...env }).request;

function refusal(env: Env, type: 'token' | 'request'): ConfigError {
  return thrownBy(() => identitySourcePlan(request(env), type), ConfigError);
}

describe('identitySourcePlan', () => {
  it('takes the Authorization header by default, for both types, with the cache allowed', () => {
    const header = { identitySources: [{ in: 'header', name: 'Authorization' }] };
    expect(identitySourcePlan(request({}), 'token')).toEqual(header);
    expect(identitySourcePlan(request({}), 'request')).toEqual(header);
  });

  it('takes one source as it is, and a cookie as the whole Cookie header', () => {
    expect(identitySourcePlan(request({ TOKEN_SOURCES: 'query:token' }), 'request')).toEqual({
      identitySources: [{ in: 'query', name: 'token' }],
    });
    expect(identitySourcePlan(request({ TOKEN_SOURCES: 'cookie:session' }), 'request')).toEqual({
      identitySources: [{ in: 'header', name: 'Cookie' }],
    });
    expect(identitySourcePlan(request({ TOKEN_SOURCES: 'header:X-Api-Token' }), 'token')).toEqual({
      identitySources: [{ in: 'header', name: 'X-Api-Token' }],
    });
  });

  it('takes no identity source for several sources, and turns the cache off', () => {
    const plan = identitySourcePlan(request({ TOKEN_SOURCES: 'header:Authorization,query:token' }), 'request');
    expect(plan.identitySources).toEqual([]);
    expect(plan.uncacheable).toMatch(/no cache key/);
  });

  it('turns the cache off for certificate binding, identity sources unchanged', () => {
    const plan = identitySourcePlan(request({ CLIENT_CERT_BINDING: 'required' }), 'request');
    expect(plan).toEqual({
      identitySources: [{ in: 'header', name: 'Authorization' }],
      uncacheable: expect.stringMatching(/another certificate/),
    });
  });

  it('refuses a TOKEN authorizer for anything but one header, or for certificate binding', () => {
    for (const sources of ['query:token', 'cookie:session', 'header:Authorization,header:X-Api-Token']) {
      expect(refusal({ TOKEN_SOURCES: sources }, 'token')).toMatchObject({ variable: 'TOKEN_SOURCES' });
    }
    expect(refusal({ TOKEN_SOURCES: 'query:token' }, 'token').message).toBe(
      'TOKEN_SOURCES: a TOKEN authorizer reads one header, and "query:token" is not one header: use a REQUEST authorizer',
    );
    expect(refusal({ CLIENT_CERT_BINDING: 'required' }, 'token')).toMatchObject({ variable: 'CLIENT_CERT_BINDING' });
  });
});
