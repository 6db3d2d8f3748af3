import { ConfigError, isSecureKeyUrl } from '@jwt-authorizer/core';
import { VARIABLES, type VariableName } from './variables.js';

/** An environment: `process.env` or any record like it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A variable's trimmed value; unset and empty are the same (deploy templates often write empty strings). */
export function value(env: Env, name: VariableName): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** A variable's value, or its default from {@link VARIABLES}: for variables whose default is a value. */
export function setting(env: Env, name: VariableName & keyof ValueDefaults): string {
  return value(env, name) ?? VARIABLES[name].default;
}

type ValueDefaults = { [K in VariableName as (typeof VARIABLES)[K] extends { default: string } ? K : never]: true };

/** A comma list, each item trimmed, empty items dropped; undefined when nothing is left. */
export function list(env: Env, name: VariableName): string[] | undefined {
  return split(value(env, name));
}

/** {@link list}, or the variable's default list. */
export function listSetting(env: Env, name: VariableName & keyof ValueDefaults): string[] {
  return split(setting(env, name)) ?? [];
}

function split(raw: string | undefined): string[] | undefined {
  const items = raw
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

/** A whole number within the variable's range, or its default. */
export function integer(env: Env, name: VariableName & keyof RangedVariables & keyof ValueDefaults): number {
  return optionalInteger(env, name) ?? Number(VARIABLES[name].default);
}

/** A whole number within the variable's range, or undefined when the variable is unset. */
export function optionalInteger(env: Env, name: VariableName & keyof RangedVariables): number | undefined {
  const [min, max] = VARIABLES[name].range;
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalid(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

type RangedVariables = { [K in VariableName as (typeof VARIABLES)[K] extends { range: unknown } ? K : never]: true };

/** One of `allowed`, or the variable's default. */
export function oneOf<const T extends string>(
  env: Env,
  name: VariableName & keyof ValueDefaults,
  allowed: readonly T[],
): T {
  const raw = setting(env, name);
  if (!(allowed as readonly string[]).includes(raw)) {
    throw invalid(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** A URL keys may be fetched from: https, or plain http to a loopback host only. */
export function keyUrl(name: VariableName, raw: string, what: string): URL {
  let uri: URL;
  try {
    uri = new URL(raw);
  } catch {
    throw invalid(name, `"${raw}" is not a URL (${what})`);
  }
  if (!isSecureKeyUrl(uri)) {
    throw invalid(name, `${what} must be an https URL (plain http only for loopback hosts)`);
  }
  return uri;
}

/** The `invalid_value` error of one variable. */
export function invalid(name: VariableName, message: string): ConfigError {
  return new ConfigError('invalid_value', name, message);
}
