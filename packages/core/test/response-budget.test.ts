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
    // Lengths around the bound's threshold, with characters JSON escapes (6 bytes) or encodes in 2 to 4 bytes.
    const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'é', '"', '\u0001', '😀'), maxLength: max });
    fc.assert(
      fc.property(text(700), fc.array(text(400), { maxLength: 3 }), text(128), (principal, resources, usage) => {
        expect(contextBudget(principal, resources, usage)).toBe(exact(principal, resources, usage));
      }),
    );
  });
});

describe('ROUTE_POLICY_BUDGET_BYTES', () => {
  it('leaves the longest principal, the envelope and 1 KiB of context their room in the 8 KiB', () => {
    expect(ROUTE_POLICY_BUDGET_BYTES).toBe(
      AUTHORIZER_RESPONSE_LIMIT_BYTES - MAX_PRINCIPAL_LENGTH - POLICY_ENVELOPE_BYTES - 1024,
    );
  });
});
