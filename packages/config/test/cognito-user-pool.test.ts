import { ConfigError } from '@jwt-authorizer/core';
import { thrownBy } from '@jwt-authorizer/test-fixtures';
import { describe, expect, it } from 'vitest';
import { cognitoUserPool } from '../src/cognito-user-pool.js';
import type { Env } from '../src/index.js';

function refusal(env: Env): ConfigError {
  return thrownBy(() => cognitoUserPool(env), ConfigError);
}

const OVERRIDE = 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER';

describe('cognitoUserPool', () => {
  it('is undefined without COGNITO_USER_POOL_ID, whatever the endpoint variable says', () => {
    expect(cognitoUserPool({})).toBeUndefined();
    expect(cognitoUserPool({ COGNITO_USER_POOL_ID: ' ', [OVERRIDE]: 'not a url' })).toBeUndefined();
  });

  it("derives Amazon Cognito's issuer and JWKS from the pool id", () => {
    expect(cognitoUserPool({ COGNITO_USER_POOL_ID: 'eu-west-1_AbCdEf123' })).toEqual({
      userPoolId: 'eu-west-1_AbCdEf123',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      jwksUri: new URL('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123/.well-known/jwks.json'),
    });
  });

  it.each(['us-east-1_abc', 'ap-southeast-10_X1', 'us-gov-west-1_Abc123456', 'cn-north-1_Abc123456'])(
    'accepts the region shapes of every partition: %s',
    (id) => {
      expect(cognitoUserPool({ COGNITO_USER_POOL_ID: id })?.issuer).toBe(
        `https://cognito-idp.${id.split('_')[0]}.amazonaws.com/${id}`,
      );
    },
  );

  it.each([
    'AbCdEf123',
    'eu-west-1',
    'eu-west-1_',
    '_AbCdEf123',
    'local_AbCdEf12',
    'eu-west-1_Ab/../x',
    'eu-west-1_Ab.example.com',
    'eu-west-1_Ab-c',
    'EU-WEST-1_Abc',
    'eu-west-1_Ab c',
    `eu-west-1_${'a'.repeat(50)}`,
  ])('refuses the malformed pool id %s, naming the variable', (id) => {
    const error = refusal({ COGNITO_USER_POOL_ID: id });
    expect(error).toMatchObject({ code: 'invalid_value', variable: 'COGNITO_USER_POOL_ID' });
    expect(error.message).toMatch(/is not a user pool id: expected <region>_<id>/);
  });

  it('takes issuer and JWKS from AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, and then a non-region prefix', () => {
    expect(cognitoUserPool({ COGNITO_USER_POOL_ID: 'local_Ab12Cd34', [OVERRIDE]: 'http://127.0.0.1:9229' })).toEqual({
      userPoolId: 'local_Ab12Cd34',
      issuer: 'http://127.0.0.1:9229/local_Ab12Cd34',
      jwksUri: new URL('http://127.0.0.1:9229/local_Ab12Cd34/.well-known/jwks.json'),
      endpointOverride: 'http://127.0.0.1:9229',
    });
    expect(
      cognitoUserPool({ COGNITO_USER_POOL_ID: 'eu-west-1_Abc', [OVERRIDE]: 'https://cognito.internal.example/' })
        ?.issuer,
    ).toBe('https://cognito.internal.example/eu-west-1_Abc');
  });

  it('still refuses an id that would change the path under an override', () => {
    for (const id of ['local_Ab/../x', 'local.x_Ab', 'local_Ab?x']) {
      expect(refusal({ COGNITO_USER_POOL_ID: id, [OVERRIDE]: 'http://127.0.0.1:9229' }).variable).toBe(
        'COGNITO_USER_POOL_ID',
      );
    }
  });

  it.each([
    ['plain http to another host', 'http://cognito.example.com'],
    ['not a URL', 'cognito-local'],
    ['a path', 'http://127.0.0.1:9229/pools'],
    ['a query', 'https://cognito.example.com/?a=1'],
    ['credentials', 'https://user:pass@cognito.example.com'],
  ])('refuses an endpoint override with %s, as it does every key URL', (_name, url) => {
    const error = refusal({ COGNITO_USER_POOL_ID: 'local_Ab12Cd34', [OVERRIDE]: url });
    expect(error).toMatchObject({ code: 'invalid_value', variable: OVERRIDE });
  });
});
