import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext, DEFAULT_CONTEXT_BUDGET_BYTES } from '../src/index.js';

describe('buildContext', () => {
  it('copies primitives as they are and JSON-encodes arrays, objects and null', () => {
    const { context, omitted } = buildContext({
      sub: 'u1',
      admin: true,
      iat: 1516239022,
      roles: ['a', 'b'],
      address: { city: 'Paris' },
      nothing: null,
    });
    expect(context).toEqual({
      sub: 'u1',
      admin: true,
      iat: 1516239022,
      roles: '["a","b"]',
      address: '{"city":"Paris"}',
      nothing: 'null',
    });
    expect(omitted).toEqual([]);
  });

  it('only ever holds strings, numbers and booleans (the REST API contract)', () => {
    const { context } = buildContext({ a: [[1]], b: { c: { d: [] } }, e: 'x', f: 1.5, g: false });
    for (const value of Object.values(context)) expect(['string', 'number', 'boolean']).toContain(typeof value);
  });

  it('copies only the listed claims, when a list is given', () => {
    expect(
      buildContext({ sub: 'u1', email: 'e', secret: 's' }, { claims: ['sub', 'email', 'absent'] }).context,
    ).toEqual({
      sub: 'u1',
      email: 'e',
    });
  });

  it('keeps prototype-polluting names away from any prototype', () => {
    const claims = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x", "prototype": 1, "sub": "u1"}');
    const { context } = buildContext(claims);
    expect(Object.keys(context)).toEqual(['sub']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(context)).toBeNull();
  });

  it('keeps namespaced claim names (Auth0-style URLs)', () => {
    expect(buildContext({ 'https://example.com/roles': ['admin'] }).context).toEqual({
      'https://example.com/roles': '["admin"]',
    });
  });

  it('stays within its byte budget, leaving out what does not fit and saying which', () => {
    const claims = { sub: 'u1', big: 'x'.repeat(5000), after: 'kept', huge: { list: 'y'.repeat(3000) } };
    const { context, omitted } = buildContext(claims);
    expect(omitted).toEqual(['big']);
    expect(context).toMatchObject({ sub: 'u1', after: 'kept' });
    expect(Buffer.byteLength(JSON.stringify(context))).toBeLessThanOrEqual(DEFAULT_CONTEXT_BUDGET_BYTES);
    const small = buildContext(claims, { budgetBytes: 40 });
    expect(Buffer.byteLength(JSON.stringify(small.context))).toBeLessThanOrEqual(40);
    expect(small.omitted).toEqual(['big', 'huge']);
  });

  it('counts multi-byte characters as bytes', () => {
    const { context } = buildContext({ name: 'é'.repeat(30) }, { budgetBytes: 50 });
    expect(context).toEqual({});
  });
});

describe('buildContext at its edges', () => {
  it('fills the budget exactly: a claim whose cost reaches the budget is kept', () => {
    // "{}" (2) + "a" (3) + "b" (3) + separators (2) = 10 bytes charged.
    expect(buildContext({ a: 'b' }, { budgetBytes: 10 })).toEqual({ context: { a: 'b' }, omitted: [] });
    expect(buildContext({ a: 'b' }, { budgetBytes: 9 })).toEqual({ context: {}, omitted: ['a'] });
    // The same edge claim by claim, when the whole context does not fit.
    expect(buildContext({ a: 'b', c: 'd'.repeat(20) }, { budgetBytes: 10 })).toEqual({
      context: { a: 'b' },
      omitted: ['c'],
    });
  });

  it('never takes the size bound for a fit where the exact count says no: the bound is tight at its worst cases', () => {
    // An empty name and a string of C0 controls (6 bytes of JSON each): "{" + "\"\":" + value + "}" = 6k + 7 bytes,
    // charged 6k + 8 (the count is the JSON's length plus one), exactly the bound.
    const controls = { '': '\u0001'.repeat(20) };
    expect(buildContext(controls, { budgetBytes: 128 }).omitted).toEqual([]);
    expect(buildContext(controls, { budgetBytes: 127 }).omitted).toEqual(['']);
    // The same worst case in the name: 6 bytes per character there too.
    const named = { ['\u0001'.repeat(20)]: '' };
    expect(buildContext(named, { budgetBytes: 128 }).omitted).toEqual([]);
    expect(buildContext(named, { budgetBytes: 127 }).omitted).toEqual(['\u0001'.repeat(20)]);
    // The longest number JSON writes, 24 characters, charged 30: its bound, 25, is one more.
    const longest = { '': -1.7976931348623157e308 };
    expect(buildContext(longest, { budgetBytes: 30 }).omitted).toEqual([]);
    expect(buildContext(longest, { budgetBytes: 29 }).omitted).toEqual(['']);
  });

  it('leaves out numbers JSON cannot carry (1e999 parses to Infinity) and values that are not JSON', () => {
    const claims = { ...JSON.parse('{"big":1e999,"small":-1e999}'), f: () => 1, u: undefined, sub: 'a' };
    expect(buildContext(claims)).toEqual({ context: { sub: 'a' }, omitted: [] });
    expect(Object.keys(buildContext(claims).context)).toEqual(['sub']);
  });

  it('never copies inherited properties, even when listed by name', () => {
    const claims = Object.assign(Object.create({ inherited: 'from a prototype' }), { sub: 'a' });
    expect(buildContext(claims, { claims: ['sub', 'inherited'] })).toEqual({ context: { sub: 'a' }, omitted: [] });
  });

  it('ignores listed claims the token does not have', () => {
    expect(buildContext({ sub: 'a' }, { claims: ['sub', 'email', 'toString'] })).toEqual({
      context: { sub: 'a' },
      omitted: [],
    });
  });
});

describe('buildContext (properties)', () => {
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

  it('decides exactly as counting claim by claim does, whatever shortcut it takes (the bound, one serialization)', () => {
    // The oracle charges every claim its exact bytes, in order; it is what buildContext did before its shortcuts.
    const oracle = (input: Record<string, unknown>, budget: number, selection?: readonly string[]) => {
      const names = selection ? [...new Set(selection)].filter((n) => Object.hasOwn(input, n)) : Object.keys(input);
      const context: Record<string, unknown> = {};
      const omitted: string[] = [];
      let used = 2;
      for (const name of names) {
        if (['__proto__', 'constructor', 'prototype'].includes(name)) continue;
        const raw = input[name];
        const value = typeof raw === 'object' ? JSON.stringify(raw) : raw;
        if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
        const cost = Buffer.byteLength(JSON.stringify(name)) + Buffer.byteLength(JSON.stringify(value)) + 2;
        if (used + cost > budget) omitted.push(name);
        else [used, context[name]] = [used + cost, value];
      }
      return { context, omitted };
    };
    // Budgets near the context's size, where a loose bound would show; strings with escapes and multi-byte text.
    const text = fc.string({
      unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', 'é', '😀', '\u2028'),
      maxLength: 30,
    });
    const values = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
    const input = fc.dictionary(claimName, values, { maxKeys: 12 }).map((r) => JSON.parse(JSON.stringify(r)));
    fc.assert(
      fc.property(
        input,
        fc.integer({ min: 2, max: 700 }),
        fc.option(fc.array(claimName), { nil: undefined }),
        (c, b, sel) => {
          const built = buildContext(c, { budgetBytes: b, ...(sel !== undefined && { claims: sel }) });
          const expected = oracle(c, b, sel);
          expect({ context: { ...built.context }, omitted: built.omitted }).toEqual(expected);
        },
      ),
      { numRuns: RUNS * 4 },
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
