import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRoute, evaluateRoutes, matchResource, parseRouteRules, routeResources } from '../src/index.js';

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod';

// Few words, so that rules, claims and requests meet often.
const word = fc.constantFrom('a', 'b', 't1', 't2');
const segment = fc.oneof(word, fc.constant('{t}'), fc.constant('{/o/id}'));
const route = fc
  .tuple(fc.constantFrom('GET', 'POST', 'ANY'), fc.array(segment, { maxLength: 3 }), fc.boolean())
  .map(([method, segments, wildcard]) => `${method} /${[...segments, ...(wildcard ? ['*'] : [])].join('/')}`);
const conditions = fc.dictionary(
  fc.constantFrom('g', 'scope', '/o/roles'),
  fc.array(word, { minLength: 1, maxLength: 2 }),
  {
    maxKeys: 2,
  },
);
// Rule sets whose largest policy would not fit are refused at cold start: left out here.
const rules = fc
  .dictionary(route, conditions, { minKeys: 1, maxKeys: 4 })
  .map((raw) => {
    try {
      return parseRouteRules(JSON.stringify(raw));
    } catch {
      return undefined;
    }
  })
  .filter((parsed) => parsed !== undefined);
const value = fc.oneof(word, fc.constantFrom('', '*', 'a/b', '..', 7));
const claims = fc.record(
  { t: value, g: fc.oneof(word, fc.array(word)), scope: word, o: fc.record({ id: value, roles: fc.array(word) }) },
  { requiredKeys: [] },
);
const request = fc.tuple(
  fc.constantFrom('GET', 'POST', 'PUT'),
  fc.array(fc.oneof(word, fc.constant('')), { maxLength: 4 }).map((segments) => segments.join('/')),
);

describe('decideRoute (properties)', () => {
  it('permits a request exactly when the policy built from the same rules matches its ARN', () => {
    fc.assert(
      fc.property(rules, claims, request, (parsed, token, [method, path]) => {
        const arn = `${PREFIX}/${method}/${path}`;
        const resources = routeResources(evaluateRoutes(parsed, token), arn);
        const decision = decideRoute(parsed, token, method, `/${path}`);
        expect(decision.permitted).toBe(resources.some((resource) => matchResource(resource, arn)));
        expect(decision.permitted).toBe(decision.why.some((finding) => finding.permitted));
      }),
      { numRuns: RUNS },
    );
  });
});
