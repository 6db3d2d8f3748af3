import { type ClaimValue, type ClaimValues, isClaimValue } from '@jwt-authorizer/core';
import { invalid } from './read-variable.js';

const EXAMPLE = '{"token_use":"access","tid":["<tenant id>"]}';

/**
 * Parses `JWT_CLAIM_VALUES`: a JSON object whose keys are claim names (top-level claims, taken literally: dots,
 * colons and URLs included) and whose values are the value a claim must hold, or a non-empty array of accepted
 * values: strings, numbers or booleans. The rules come out as an object whose only keys are the claims named,
 * each an own property, so `__proto__` or `constructor` are rules like any other, never a prototype.
 *
 * @throws {ConfigError} `invalid_value` on `JWT_CLAIM_VALUES`, saying which claim is wrong and why.
 * @example
 * ```ts
 * parseClaimValues('{"token_use":"access","tid":["t1","t2"]}'); // { token_use: 'access', tid: ['t1', 't2'] }
 * ```
 */
export function parseClaimValues(raw: string): ClaimValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('JWT_CLAIM_VALUES', `is not JSON: expected an object such as ${EXAMPLE}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('JWT_CLAIM_VALUES', `must be a JSON object of claim names to values, such as ${EXAMPLE}`);
  }
  // Object.fromEntries defines own properties: a "__proto__" key stays a rule (JSON.parse made it an own one too).
  return Object.fromEntries(Object.entries(parsed).map(([name, accepted]) => [name, rule(name, accepted)]));
}

function rule(name: string, accepted: unknown): ClaimValue | ClaimValue[] {
  if (name === '') throw invalid('JWT_CLAIM_VALUES', 'a claim name is empty');
  // Reserved: a leading "/" may one day be a JSON Pointer into nested claims, as route rules read it.
  if (name.startsWith('/')) {
    throw invalid('JWT_CLAIM_VALUES', `claim "${name}": names are top-level claims and may not start with "/"`);
  }
  if (Array.isArray(accepted)) {
    if (accepted.length === 0) {
      throw invalid('JWT_CLAIM_VALUES', `claim "${name}": an empty array accepts no value, so no token`);
    }
    if (!accepted.every(isClaimValue)) {
      throw invalid('JWT_CLAIM_VALUES', `claim "${name}": array items must be strings, numbers or booleans`);
    }
    return accepted;
  }
  if (!isClaimValue(accepted)) {
    throw invalid(
      'JWT_CLAIM_VALUES',
      `claim "${name}": the value must be a string, a number, a boolean, or an array of them`,
    );
  }
  return accepted;
}
