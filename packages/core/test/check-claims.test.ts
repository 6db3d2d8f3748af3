import { describe, expect, it } from 'vitest';
import { checkClaims } from '../src/check-claims.js';
import { compileVerifyOptions } from '../src/compile-verify-options.js';
import type { VerifyTokenOptions } from '../src/index.js';

const now = 1_800_000_000;
const check =
  (claims: Record<string, unknown>, options: Partial<VerifyTokenOptions> = {}) =>
  () =>
    checkClaims(claims, compileVerifyOptions({ algorithms: ['RS256'], requiredClaims: [], ...options }), now);
const refusal = (code: string, message?: RegExp) =>
  expect.objectContaining({ code, ...(message && { message: expect.stringMatching(message) }) });

describe('checkClaims at its boundaries', () => {
  it('accepts nbf up to now + tolerance, and refuses one second later', () => {
    expect(check({ nbf: now + 30 })).not.toThrow();
    expect(check({ nbf: now + 31 })).toThrow(refusal('not_yet_valid', /"nbf" claim is in the future/));
  });

  it('refuses exp at now - tolerance, and accepts one second later', () => {
    expect(check({ exp: now - 30 })).toThrow(refusal('expired', /"exp"/));
    expect(check({ exp: now - 29 })).not.toThrow();
  });

  it('accepts iat up to now + tolerance, and refuses one second later', () => {
    expect(check({ iat: now + 30 })).not.toThrow();
    expect(check({ iat: now + 31 })).toThrow(refusal('issued_in_future'));
  });

  it('requires iss and aud when they are checked, before comparing them', () => {
    expect(check({}, { issuer: ['https://idp'] })).toThrow(refusal('missing_claim', /"iss"/));
    expect(check({}, { audience: ['api'] })).toThrow(refusal('missing_claim', /"aud" claim \(or "client_id"/));
    expect(check({ iss: 'https://other' }, { issuer: ['https://idp'] })).toThrow(refusal('wrong_issuer', /"iss"/));
  });

  it('accepts an aud array holding any one accepted audience', () => {
    expect(check({ aud: ['other', 'api'] }, { audience: ['api', 'admin'] })).not.toThrow();
    expect(check({ aud: ['other'] }, { audience: ['api'] })).toThrow(refusal('wrong_audience', /"aud"/));
    expect(check({ aud: { api: true } }, { audience: ['api'] })).toThrow(refusal('wrong_audience'));
  });

  it('names the claim of the wrong type', () => {
    for (const claim of ['iat', 'nbf', 'exp']) {
      expect(check({ [claim]: '1' })).toThrow(
        expect.objectContaining({ code: 'invalid_claim', message: `"${claim}" claim must be a number` }),
      );
    }
  });
});

describe('checkClaims with an audience, for tokens with and without aud', () => {
  const audience = ['web-client', 'https://api.example.com'];

  it('accepts a token without aud whose client_id is an accepted audience (Amazon Cognito access tokens)', () => {
    expect(check({ client_id: 'web-client' }, { audience })).not.toThrow();
  });

  it('refuses a token without aud whose client_id is another, or not a string', () => {
    expect(check({ client_id: 'mobile-client' }, { audience })).toThrow(
      refusal('wrong_audience', /unexpected "client_id" claim value \(the token has no "aud"\)/),
    );
    expect(check({ client_id: ['web-client'] }, { audience })).toThrow(refusal('wrong_audience'));
  });

  it('judges a token with aud by its aud alone, whatever its client_id says', () => {
    expect(check({ aud: 'other-api', client_id: 'web-client' }, { audience })).toThrow(
      refusal('wrong_audience', /"aud"/),
    );
    expect(check({ aud: null, client_id: 'web-client' }, { audience })).toThrow(refusal('wrong_audience'));
    expect(check({ aud: 'https://api.example.com', client_id: 'someone' }, { audience })).not.toThrow();
  });

  it('refuses a token with neither aud nor client_id as missing a claim', () => {
    expect(check({ azp: 'web-client' }, { audience })).toThrow(refusal('missing_claim'));
  });

  it('still requires aud itself when JWT_REQUIRED_CLAIMS names it', () => {
    expect(check({ client_id: 'web-client' }, { audience, requiredClaims: ['aud'] })).toThrow(
      refusal('missing_claim', /"aud"/),
    );
  });
});

describe('checkClaims with a maximum token age', () => {
  const maxTokenAgeSeconds = 600;

  it('requires iat, as a number', () => {
    expect(check({}, { maxTokenAgeSeconds })).toThrow(refusal('missing_claim', /"iat"/));
    expect(check({ iat: String(now) }, { maxTokenAgeSeconds })).toThrow(refusal('invalid_claim', /"iat"/));
  });

  it('accepts an age of the maximum plus the tolerance, and refuses a second more', () => {
    expect(check({ iat: now - 630 }, { maxTokenAgeSeconds })).not.toThrow();
    expect(check({ iat: now - 631 }, { maxTokenAgeSeconds })).toThrow(
      refusal('token_too_old', /"iat" claim is more than 600 seconds in the past/),
    );
    expect(check({ iat: now - 601 }, { maxTokenAgeSeconds, clockToleranceSeconds: 0 })).toThrow(
      refusal('token_too_old'),
    );
  });

  it('checks the age after exp, as jose does: an expired old token is expired', () => {
    expect(check({ iat: now - 7200, exp: now - 3600 }, { maxTokenAgeSeconds })).toThrow(refusal('expired'));
  });

  it('leaves iat unrequired and unlimited without a maximum', () => {
    expect(check({})).not.toThrow();
    expect(check({ iat: 0 })).not.toThrow();
  });
});

describe('checkClaims with {tid} issuer templates', () => {
  const issuer = ['https://login.microsoftonline.com/{tid}/v2.0'];
  const tid = '72f988bf-86f1-41af-91ab-2d7cd011db47';

  it("accepts an iss that is the template with the token's own tid", () => {
    expect(check({ iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid }, { issuer })).not.toThrow();
  });

  it('refuses an iss naming another tenant than its tid, or a tid that is not a tenant id', () => {
    const other = '5a3d6d8b-0b6e-4c2f-9f2e-1c4b8a7d9e10';
    expect(check({ iss: `https://login.microsoftonline.com/${other}/v2.0`, tid }, { issuer })).toThrow(
      refusal('wrong_issuer', /unexpected "iss" claim value$/),
    );
    expect(check({ iss: 'https://login.microsoftonline.com/a/b/v2.0', tid: 'a/b' }, { issuer })).toThrow(
      refusal('wrong_issuer', /needs a "tid" claim of letters, digits and "-"/),
    );
  });
});
