import { describe, expect, it } from 'vitest';
import { checkClaims } from '../src/check-claims.js';

const now = 1_800_000_000;
const base = { requiredClaims: [] as string[], clockToleranceSeconds: 30, now };
const check =
  (claims: Record<string, unknown>, options: Partial<Parameters<typeof checkClaims>[1]> = {}) =>
  () =>
    checkClaims(claims, { ...base, ...options });

describe('checkClaims at its boundaries', () => {
  it('accepts nbf up to now + tolerance, and refuses one second later', () => {
    expect(check({ nbf: now + 30 })).not.toThrow();
    expect(check({ nbf: now + 31 })).toThrow(
      expect.objectContaining({ code: 'not_yet_valid', message: expect.stringContaining('"nbf"') }),
    );
  });

  it('refuses exp at now - tolerance, and accepts one second later', () => {
    expect(check({ exp: now - 30 })).toThrow(
      expect.objectContaining({ code: 'expired', message: expect.stringContaining('"exp"') }),
    );
    expect(check({ exp: now - 29 })).not.toThrow();
  });

  it('accepts iat up to now + tolerance, and refuses one second later', () => {
    expect(check({ iat: now + 30 })).not.toThrow();
    expect(check({ iat: now + 31 })).toThrow(expect.objectContaining({ code: 'issued_in_future' }));
  });

  it('requires iss and aud when they are checked, before comparing them', () => {
    expect(check({}, { issuer: ['https://idp'] })).toThrow(
      expect.objectContaining({ code: 'missing_claim', message: expect.stringContaining('"iss"') }),
    );
    expect(check({}, { audience: ['api'] })).toThrow(
      expect.objectContaining({ code: 'missing_claim', message: expect.stringContaining('"aud"') }),
    );
    expect(check({ iss: 'https://other' }, { issuer: ['https://idp'] })).toThrow(
      expect.objectContaining({ code: 'wrong_issuer', message: expect.stringContaining('"iss"') }),
    );
  });

  it('accepts an aud array holding any one accepted audience', () => {
    expect(check({ aud: ['other', 'api'] }, { audience: ['api', 'admin'] })).not.toThrow();
    expect(check({ aud: ['other'] }, { audience: ['api'] })).toThrow(
      expect.objectContaining({ code: 'wrong_audience', message: expect.stringContaining('"aud"') }),
    );
    expect(check({ aud: { api: true } }, { audience: ['api'] })).toThrow(
      expect.objectContaining({ code: 'wrong_audience' }),
    );
  });

  it('names the claim of the wrong type', () => {
    for (const claim of ['iat', 'nbf', 'exp']) {
      expect(check({ [claim]: '1' })).toThrow(
        expect.objectContaining({ code: 'invalid_claim', message: `"${claim}" claim must be a number` }),
      );
    }
  });
});
