import { describe, expect, it } from 'vitest';
import { evaluatePolicy, iamMatch } from '../src/evaluate-policy.ts';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets/1';
const statement = (
  Effect: 'Allow' | 'Deny',
  Resource: string | string[],
  Action: string | string[] = 'execute-api:Invoke',
) => ({
  Effect,
  Action,
  Resource,
});

describe('evaluatePolicy', () => {
  it('allows on a matching Allow, denies implicitly without one, and lets a matching Deny win', () => {
    expect(evaluatePolicy([statement('Allow', ARN)], ARN)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', `${ARN}/x`)], ARN)).toBe('implicit-deny');
    expect(evaluatePolicy([statement('Allow', '*'), statement('Deny', ARN)], ARN)).toBe('explicit-deny');
    expect(evaluatePolicy([statement('Allow', ARN, 's3:GetObject')], ARN)).toBe('implicit-deny');
    expect(evaluatePolicy([statement('Allow', ARN, ['EXECUTE-API:*'])], ARN)).toBe('allow');
  });

  it("matches IAM's * across '/'", () => {
    expect(iamMatch('arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/*/*', ARN)).toBe(true);
    expect(iamMatch('arn:aws:execute-api:us-east-1:123456789012:localapi01/*', ARN)).toBe(true);
    expect(iamMatch('arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets', ARN)).toBe(false);
  });
});
