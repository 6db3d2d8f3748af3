import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZER_RESPONSE_LIMIT_BYTES,
  contextBudget,
  DEFAULT_CONTEXT_BUDGET_BYTES,
  MAX_PRINCIPAL_LENGTH,
  POLICY_ENVELOPE_BYTES,
  ROUTE_POLICY_BUDGET_BYTES,
} from '../src/index.js';

describe('contextBudget', () => {
  it('gives the default budget while the principal and the resources leave room for it', () => {
    expect(contextBudget('user-1', ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets'])).toBe(
      DEFAULT_CONTEXT_BUDGET_BYTES,
    );
  });

  it('gives what is left of the 8 KiB once the envelope, the principal and the resources are counted, as JSON', () => {
    const resources = ['r'.repeat(4000)];
    const used = POLICY_ENVELOPE_BYTES + '"p"'.length + JSON.stringify(resources).length;
    expect(contextBudget('p', resources)).toBe(AUTHORIZER_RESPONSE_LIMIT_BYTES - used);
    // Bytes, not characters: JSON escapes and multi-byte characters count as what API Gateway receives.
    expect(contextBudget('é"', resources)).toBe(AUTHORIZER_RESPONSE_LIMIT_BYTES - used - 3);
  });

  it('counts the usage identifier, its key and quotes included, against the 8 KiB response', () => {
    const resources = ['r'.repeat(4000)];
    const without = contextBudget('p', resources);
    const withKey = contextBudget('p', resources, 'k'.repeat(100));
    const response = JSON.stringify({ usageIdentifierKey: 'k'.repeat(100) });
    expect(without - withKey).toBe(response.length - 1);
  });

  it('never goes below 0', () => {
    expect(contextBudget('p', ['r'.repeat(9000)])).toBe(0);
  });

  it('answers as the serialized response would, whether or not its upper bound settles it', () => {
    // The budget by definition: what the JSON of the principal, resources and usage identifier leaves of 8 KiB.
    const exact = (principal: string, resources: string[], usage: string) => {
      const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
      const used = POLICY_ENVELOPE_BYTES + bytes(principal) + bytes(resources) + (usage ? bytes(usage) + 22 : 0);
      return Math.max(0, Math.min(DEFAULT_CONTEXT_BUDGET_BYTES, AUTHORIZER_RESPONSE_LIMIT_BYTES - used));
    };
    // Lengths spread evenly across the bound's threshold (a principal of 700 controls is 4,202 bytes of JSON alone),
    // of one character each: a control character, which JSON escapes in 6 bytes (the bound's own count, so it is tight
    // to a byte), or one encoded in 1 to 4.
    const text = (char: string, max: number) => fc.nat(max).map((length) => char.repeat(length));
    const strings = fc
      .constantFrom('\u0001', 'a', 'é', '"', '😀')
      .chain((char) => fc.tuple(text(char, 700), fc.array(text(char, 400), { maxLength: 3 }), text(char, 128)));
    fc.assert(
      fc.property(strings, ([principal, resources, usage]) => {
        expect(contextBudget(principal, resources, usage)).toBe(exact(principal, resources, usage));
      }),
      { numRuns: 500 },
    );
    // And every length across the threshold, where a bound short by a byte would answer the whole budget wrongly.
    const control = (length: number) => '\u0001'.repeat(length);
    for (const [resources, usage] of [
      [[], ''],
      [[control(100)], ''],
      [[control(50), control(50)], ''],
      [[], control(10)],
      [[control(100)], control(10)],
    ] as const) {
      for (let length = 0; length <= 700; length += 1) {
        expect(contextBudget(control(length), resources, usage)).toBe(exact(control(length), [...resources], usage));
      }
    }
  });
});

describe('ROUTE_POLICY_BUDGET_BYTES', () => {
  it('leaves the longest principal, the envelope and 1 KiB of context their room in the 8 KiB', () => {
    expect(ROUTE_POLICY_BUDGET_BYTES).toBe(
      AUTHORIZER_RESPONSE_LIMIT_BYTES - MAX_PRINCIPAL_LENGTH - POLICY_ENVELOPE_BYTES - 1024,
    );
  });
});
