import { ConfigError } from '@jwt-authorizer/core';
import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { identitySettings } from '../src/identity-settings.js';
import type { Env } from '../src/index.js';

const POOL = 'eu-west-1_AbCdEf123';
const COGNITO_ISSUER = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`;
const ENTRA = 'https://login.microsoftonline.com/{tid}/v2.0';

function refusal(env: Env): ConfigError {
  return thrownBy(() => identitySettings(env), ConfigError);
}

describe('identitySettings', () => {
  it('reads issuers and audiences as they are, with no warning', () => {
    expect(identitySettings({ JWT_ISSUER: 'https://idp.example/', JWT_AUDIENCE: 'api' })).toEqual({
      cognito: undefined,
      listedIssuers: ['https://idp.example/'],
      issuer: ['https://idp.example/'],
      audience: ['api'],
      claimValues: undefined,
      warnings: [],
    });
  });

  it("takes a user pool's issuer, and accepts only its access tokens", () => {
    const settings = identitySettings({ COGNITO_USER_POOL_ID: POOL, JWT_AUDIENCE: 'client-1' });
    expect(settings).toMatchObject({
      listedIssuers: undefined,
      issuer: [COGNITO_ISSUER],
      claimValues: { token_use: 'access' },
      warnings: [],
    });
  });

  it('keeps the other claim rules beside token_use, and leaves token_use to JWT_CLAIM_VALUES when it names it', () => {
    const other = identitySettings({
      COGNITO_USER_POOL_ID: POOL,
      JWT_AUDIENCE: 'c',
      JWT_CLAIM_VALUES: '{"cognito:groups":"admins"}',
    });
    expect(other.claimValues).toEqual({ token_use: 'access', 'cognito:groups': 'admins' });
    const named = identitySettings({
      COGNITO_USER_POOL_ID: POOL,
      JWT_AUDIENCE: 'c',
      JWT_CLAIM_VALUES: '{"token_use":["access","id"]}',
    });
    expect(named.claimValues).toEqual({ token_use: ['access', 'id'] });
  });

  it('refuses JWT_ISSUER beside a user pool: the pool names the issuer', () => {
    expect(refusal({ COGNITO_USER_POOL_ID: POOL, JWT_ISSUER: COGNITO_ISSUER })).toMatchObject({
      code: 'conflicting_key_sources',
      variable: 'COGNITO_USER_POOL_ID + JWT_ISSUER',
      message: expect.stringMatching(/leave JWT_ISSUER unset/),
    });
  });

  it('warns when a user pool has no audience: every app client of the pool would pass', () => {
    expect(identitySettings({ COGNITO_USER_POOL_ID: POOL }).warnings).toEqual([
      expect.stringMatching(/^COGNITO_USER_POOL_ID without JWT_AUDIENCE: tokens of every app client/),
    ]);
  });

  it('warns when issuer and keys come from an endpoint override', () => {
    const { warnings } = identitySettings({
      COGNITO_USER_POOL_ID: 'local_Ab12Cd34',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://127.0.0.1:9229',
      JWT_AUDIENCE: 'c',
    });
    expect(warnings).toEqual([expect.stringContaining('(http://127.0.0.1:9229), not from Amazon Cognito')]);
  });

  it('accepts {tid} templates, warning when no tid rule restricts the tenants', () => {
    expect(identitySettings({ JWT_ISSUER: ENTRA }).warnings).toEqual([
      'JWT_ISSUER holds {tid} and JWT_CLAIM_VALUES names no "tid": tokens of every tenant are accepted',
    ]);
    expect(identitySettings({ JWT_ISSUER: ENTRA, JWT_CLAIM_VALUES: '{"tid":["t1"]}' }).warnings).toEqual([]);
  });

  it.each(['https://login.microsoftonline.com/{tenant}/v2.0', 'https://idp/{tid', 'https://idp/}'])(
    'refuses any placeholder but {tid}: %s',
    (issuer) => {
      expect(refusal({ JWT_ISSUER: issuer })).toMatchObject({
        variable: 'JWT_ISSUER',
        message: expect.stringMatching(/the only placeholder an issuer may hold is \{tid\}/),
      });
    },
  );
});
