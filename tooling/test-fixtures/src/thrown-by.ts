/**
 * The error `run` throws, checked to be a `type`: the one way the tests take a refusal apart (its `code`, its
 * `variable`, its message). Fails the test when `run` throws nothing, or something else.
 *
 * @example
 * ```ts
 * expect(thrownBy(() => parseConfig({}), ConfigError).code).toBe('missing_key_source');
 * ```
 */
export function thrownBy<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw new Error(`expected a ${type.name}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}
