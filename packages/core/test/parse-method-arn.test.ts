import { describe, expect, it } from 'vitest';
import { formatMethodArn, MethodArnError, parseMethodArn } from '../src/index.js';

describe('parseMethodArn', () => {
  it('splits a REST method ARN into its parts', () => {
    expect(parseMethodArn('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/pets/42')).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      stage: 'prod',
      method: 'GET',
      resourcePath: 'pets/42',
    });
  });

  it.each([
    'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/',
    'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/a/b/c',
    'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets',
    'arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/v1/PUT/x',
    'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef1234/stage-1_b/DELETE/y',
  ])('round-trips %s', (arn) => {
    expect(formatMethodArn(parseMethodArn(arn))).toBe(arn);
  });

  it.each([
    ['not an ARN', 'hello'],
    ['another service', 'arn:aws:lambda:us-east-1:123456789012:function/x/GET/'],
    ['no stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234'],
    ['short account', 'arn:aws:execute-api:us-east-1:1234:abcdef1234/prod/GET/'],
    ['wildcard api', 'arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/'],
    ['wildcard in path', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/a*'],
    ['wildcard stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*/GET/a'],
    ['the seed region pattern', 'arn:aws:execute-api:us-east-1:**'],
  ])('refuses a malformed ARN: %s', (_, arn) => {
    expect(() => parseMethodArn(arn)).toThrow(MethodArnError);
    try {
      parseMethodArn(arn);
    } catch (error) {
      expect(error).toMatchObject({ name: 'MethodArnError', code: 'invalid_method_arn' });
    }
  });
});

describe('parseMethodArn at its edges', () => {
  it('accepts a region whose number has two digits', () => {
    expect(parseMethodArn('arn:aws:execute-api:ap-southeast-10:123456789012:abc/prod/GET/x').region).toBe(
      'ap-southeast-10',
    );
  });

  it('matches the whole string: nothing before "arn:"', () => {
    for (const arn of [
      'xarn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/x',
      ' arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/x',
    ]) {
      expect(() => parseMethodArn(arn)).toThrow(MethodArnError);
    }
  });

  it('names the refused ARN in its message, cut to 200 characters', () => {
    const arn = `arn:aws:nope:${'x'.repeat(5000)}`;
    const error = (() => {
      try {
        parseMethodArn(arn);
      } catch (e) {
        return e as MethodArnError;
      }
    })();
    expect(error).toBeInstanceOf(MethodArnError);
    expect(error?.code).toBe('invalid_method_arn');
    expect(error?.message).toContain('arn:aws:nope:xxx');
    expect(error?.message.length).toBeLessThan(260);
  });
});
