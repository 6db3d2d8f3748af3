import { describe, expect, it } from 'vitest';
import { buildPolicy, policyResource } from '../src/index.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets/42';

// IAM's wildcard matching for execute-api resources: `*` matches any run of characters, `/` included.
function iamMatches(pattern: string, arn: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(arn);
}

describe('policyResource', () => {
  it('allows every route of the calling stage, and nothing else, by default', () => {
    const resource = policyResource('stage', ARN);
    expect(resource).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/*/*');
    expect(iamMatches(resource, ARN)).toBe(true);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/orders')).toBe(true);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/')).toBe(true);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/GET/pets')).toBe(false);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:123456789012:otherapi12/prod/GET/pets')).toBe(false);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:210987654321:abcdef1234/prod/GET/pets')).toBe(false);
    expect(iamMatches(resource, 'arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/pets')).toBe(false);
    expect(iamMatches(resource, 'arn:aws-cn:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets')).toBe(false);
  });

  it('takes the partition from the incoming ARN', () => {
    expect(policyResource('stage', 'arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/v1/GET/x')).toBe(
      'arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/v1/*/*',
    );
  });

  it('allows exactly the incoming ARN in method mode', () => {
    expect(policyResource('method', ARN)).toBe(ARN);
  });

  it('allows every route key of the calling WebSocket stage for a $connect ARN, and nothing else', () => {
    const connect = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';
    const resource = policyResource('stage', connect);
    expect(resource).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*');
    expect(iamMatches(resource, connect)).toBe(true);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/other/$connect')).toBe(false);
    expect(iamMatches(resource, 'arn:aws:execute-api:us-east-1:123456789012:otherapi1/default/$connect')).toBe(false);
  });

  it('uses a literal pattern as given', () => {
    const pattern = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*/GET/*';
    expect(policyResource({ pattern }, ARN)).toBe(pattern);
  });
});

describe('buildPolicy', () => {
  it('returns the literal response API Gateway expects', () => {
    expect(buildPolicy({ principalId: 'u1', effect: 'Allow', resource: 'arn:x', context: { a: 1 } })).toEqual({
      principalId: 'u1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:x' }],
      },
      context: { a: 1 },
    });
  });

  it('leaves context out when there is none, and can deny', () => {
    const policy = buildPolicy({ principalId: 'u1', effect: 'Deny', resource: ['arn:a', 'arn:b'] });
    expect(policy).not.toHaveProperty('context');
    expect(policy.policyDocument.Statement[0]).toEqual({
      Action: 'execute-api:Invoke',
      Effect: 'Deny',
      Resource: ['arn:a', 'arn:b'],
    });
  });

  it('carries usageIdentifierKey when given, and leaves it out otherwise', () => {
    const key = 'MyApiKeyThatIsAtLeast20Characters';
    expect(buildPolicy({ principalId: 'u1', effect: 'Allow', resource: 'arn:x', usageIdentifierKey: key })).toEqual({
      principalId: 'u1',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:x' }],
      },
      usageIdentifierKey: key,
    });
    expect(buildPolicy({ principalId: 'u1', effect: 'Allow', resource: 'arn:x' })).not.toHaveProperty(
      'usageIdentifierKey',
    );
  });
});
