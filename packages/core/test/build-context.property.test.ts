import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext, DEFAULT_CONTEXT_BUDGET_BYTES } from '../src/index.js';

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
// Claim names an attacker likes: prototype keys, empty, unicode, control characters.
const claimName = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''),
);
// JSON.parse output: what a verified payload can hold (with __proto__ as an own member).
const claims = fc
  .dictionary(claimName, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 40 })
  .map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>);

describe('buildContext (properties)', () => {
  it('counts a claim selected twice once, and never reports it omitted while it is in the context', () => {
    // The counterexample fast-check found: CONTEXT_CLAIMS=sub,sub with a budget the claim fits once.
    expect(buildContext({ sub: 'abc' }, { claims: ['sub', 'sub'], budgetBytes: 15 })).toEqual({
      context: { sub: 'abc' },
      omitted: [],
    });
  });

  it('always builds a flat context of strings, finite numbers and booleans, within the budget', () => {
    fc.assert(
      fc.property(
        claims,
        fc.option(fc.integer({ min: 2, max: 8192 }), { nil: undefined }),
        fc.option(fc.array(claimName, { maxLength: 8 }), { nil: undefined }),
        (input, budgetBytes, selection) => {
          const { context, omitted } = buildContext(input, {
            ...(budgetBytes !== undefined && { budgetBytes }),
            ...(selection !== undefined && { claims: selection }),
          });
          expect(Object.getPrototypeOf(context)).toBeNull();
          for (const [name, value] of Object.entries(context)) {
            expect(['__proto__', 'constructor', 'prototype']).not.toContain(name);
            expect(['string', 'number', 'boolean']).toContain(typeof value);
            if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
            expect(Object.hasOwn(input, name)).toBe(true);
          }
          expect(Buffer.byteLength(JSON.stringify(context))).toBeLessThanOrEqual(
            budgetBytes ?? DEFAULT_CONTEXT_BUDGET_BYTES,
          );
          // Nothing is lost silently: a selected claim is in the context, omitted, or not representable at all.
          for (const name of omitted) expect(Object.hasOwn(context, name)).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('loses nothing that fits: primitives are copied as they are, structures JSON-encoded', () => {
    fc.assert(
      fc.property(claims, (input) => {
        const { context, omitted } = buildContext(input, { budgetBytes: 1_000_000 });
        expect(omitted).toEqual([]);
        for (const [name, value] of Object.entries(input)) {
          if (['__proto__', 'constructor', 'prototype'].includes(name)) continue;
          const expected = typeof value === 'object' ? JSON.stringify(value) : value;
          expect(context[name]).toStrictEqual(expected);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never pollutes Object.prototype', () => {
    fc.assert(
      fc.property(claims, (input) => {
        buildContext(input);
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });
});
