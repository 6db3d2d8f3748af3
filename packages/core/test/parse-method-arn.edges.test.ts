import { describe, expect, it } from 'vitest';
import { MethodArnError, parseMethodArn } from '../src/index.js';

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
