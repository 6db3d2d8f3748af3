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
  // A null prototype: no key, however named, can reach Object.prototype.
  const context: AuthorizerContext = Object.create(null);
  // An upper bound of the context's JSON size, counted as it is filled: every character of a name or a string is at
  // most 6 bytes of JSON (a \uXXXX escape), a number at most 25 (-1.7976931348623157e+308), a boolean 5. Nearly
  // every context is far below its budget, and then no serialization is needed to say so.
  let bound = 2; // "{}"
  for (const name of names) {
    if (UNSAFE_KEYS.has(name)) continue;
    const value = toContextValue(claims[name]);
    if (value === undefined) continue;
    context[name] = value;
    bound += 6 * name.length + 4 + (typeof value === 'string' ? 6 * value.length + 2 : 25); // quotes, ":" and ","
  }
  // Otherwise one serialization says whether it fits (the count below is this JSON's length plus one); claim by
  // claim gives the same answer, at a serialization per claim.
  if (bound <= budget || Buffer.byteLength(JSON.stringify(context)) < budget) return { context, omitted: [] };
  const fitting: AuthorizerContext = Object.create(null);
  const omitted: string[] = [];
  let used = 2; // "{}"
  for (const name of names) {
    if (!Object.hasOwn(context, name)) continue;
    const value = context[name] as ContextValue;
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
