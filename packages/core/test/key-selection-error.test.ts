import { errors } from 'jose';
import { describe, expect, it } from 'vitest';
import { KeySourceError, keySelectionError, TokenError } from '../src/index.js';

describe('keySelectionError', () => {
  it.each([
    ['no key matches', new errors.JWKSNoMatchingKey()],
    ['several keys match', new errors.JWKSMultipleMatchingKeys()],
  ])("makes jose's %s an unknown_key refusal, keeping jose's error as its cause", (_, joseError) => {
    const mapped = keySelectionError(joseError);
    expect(mapped).toBeInstanceOf(TokenError);
    expect(mapped).toMatchObject({ code: 'unknown_key', cause: joseError });
  });

  it('passes any other error through as it is: a key source failure stays a server-side one', () => {
    const failure = new KeySourceError('key_source_unavailable', 'down');
    expect(keySelectionError(failure)).toBe(failure);
    const bug = new TypeError('x');
    expect(keySelectionError(bug)).toBe(bug);
  });
});
