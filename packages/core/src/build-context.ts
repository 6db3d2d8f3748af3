import { DEFAULT_CONTEXT_BUDGET_BYTES } from './response-budget.js';

/** A context value API Gateway accepts (REST APIs answer 500 for anything else). */
export type ContextValue = string | number | boolean;
/** The flat context returned to API Gateway and passed on to the integration. */
export type AuthorizerContext = Record<string, ContextValue>;

/** Options of {@link buildContext}. */
export interface BuildContextOptions {
  /** `'*'` for every claim, or the names of the claims to copy. Default `'*'`. */
  claims?: '*' | readonly string[];
  /** Largest context, in bytes of JSON. Default {@link DEFAULT_CONTEXT_BUDGET_BYTES}. */
  budgetBytes?: number;
}

/** The context and the claims left out of it. */
export interface BuiltContext {
  context: AuthorizerContext;
  /** Claims that were selected but did not fit the budget, in token order. */
  omitted: string[];
}

// Names that mean something to an object's prototype chain; a downstream `Object.assign` could be poisoned by them.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Flattens verified claims into an API Gateway context: strings, numbers and booleans are copied as they
 * are; arrays, objects and null are JSON-encoded into strings. Claims that would overflow the budget are left out,
 * in token order, and reported in `omitted`.
 *
 * @example
 * ```ts
 * buildContext({ sub: 'a', roles: ['x'], admin: true }).context; // { sub: 'a', roles: '["x"]', admin: true }
 * ```
 */
export function buildContext(
  claims: Readonly<Record<string, unknown>>,
  options: BuildContextOptions = {},
): BuiltContext {
  const selection = options.claims ?? '*';
  const budget = options.budgetBytes ?? DEFAULT_CONTEXT_BUDGET_BYTES;
  // A name listed twice (CONTEXT_CLAIMS=sub,sub) is one claim: counted against the budget once, never reported as
  // omitted while it is in the context.
  const names =
    selection === '*' ? Object.keys(claims) : [...new Set(selection)].filter((name) => Object.hasOwn(claims, name));
  const entries: Array<[string, ContextValue]> = [];
  for (const name of names) {
    if (UNSAFE_KEYS.has(name)) continue;
    const value = toContextValue(claims[name]);
    if (value !== undefined) entries.push([name, value]);
  }
  // A null prototype: no key, however named, can reach Object.prototype.
  const context: AuthorizerContext = Object.create(null);
  for (const [name, value] of entries) context[name] = value;
  // Nearly always everything fits, and one serialization says so; claim by claim below gives the same answer (the
  // count there is this JSON's length plus one), at a stringify per claim.
  if (Buffer.byteLength(JSON.stringify(context)) < budget) return { context, omitted: [] };
  const fitting: AuthorizerContext = Object.create(null);
  const omitted: string[] = [];
  let used = 2; // "{}"
  for (const [name, value] of entries) {
    const cost = Buffer.byteLength(JSON.stringify(name)) + Buffer.byteLength(JSON.stringify(value)) + 2; // ':' and ','
    if (used + cost > budget) {
      omitted.push(name);
      continue;
    }
    used += cost;
    fitting[name] = value;
  }
  return { context: fitting, omitted };
}

function toContextValue(value: unknown): ContextValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'object':
      return JSON.stringify(value);
    default:
      return undefined;
  }
}
