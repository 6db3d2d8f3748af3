import type { Algorithm, ClaimValue } from '@jwt-authorizer/core';
import { Duration } from 'aws-cdk-lib';
import type { AuthorizerKeySource, RouteRulesSetting, TokenSourceSetting } from './authorizer-environment.ts';
import type { JwtAuthorizerProps } from './jwt-authorizer.ts';

/** Reads one CDK context value (`cdk deploy -c key=value`, or `context` in cdk.json). */
export type ContextReader = (key: string) => unknown;

/**
 * The example app's authorizer settings, from CDK context: `jwksUri`, `ssmParameterName` (+ `kmsKeyArn`),
 * `publicKey` or `cognitoUserPoolId`, exactly one; `issuer`, `audience`, `algorithms`, `requiredClaims`,
 * `contextClaims`, `tokenTypes`, `principalClaim`, `tokenSources` (comma lists); `maxTokenAge` (seconds);
 * `usageIdentifierClaim`, `clientCertBinding`; `routeScopes`, `claimValues` (JSON) and `routeRules` (JSON text, or a
 * JSON object in cdk.json). The construct checks every value at synth.
 *
 * @example
 * ```ts
 * exampleSettings((key) => app.node.tryGetContext(key));
 * ```
 */
export function exampleSettings(context: ContextReader): JwtAuthorizerProps {
  const text = (key: string): string | undefined => {
    const value = context(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const list = (key: string) =>
    text(key)
      ?.split(',')
      .map((item) => item.trim());
  const routeScopes = text('routeScopes');
  const claimValues = text('claimValues');
  const contextClaims = text('contextClaims');
  const maxTokenAge = text('maxTokenAge');
  return {
    keySource: keySource(text),
    ...optional('issuer', list('issuer')),
    ...optional('audience', list('audience')),
    ...optional('algorithms', list('algorithms') as Algorithm[] | undefined),
    ...optional('requiredClaims', list('requiredClaims')),
    ...optional('contextClaims', contextClaims === '*' ? ('*' as const) : list('contextClaims')),
    ...optional('principalClaim', list('principalClaim')),
    ...optional('tokenTypes', list('tokenTypes')),
    ...optional('tokenSources', list('tokenSources') as TokenSourceSetting[] | undefined),
    ...optional('usageIdentifierClaim', text('usageIdentifierClaim')),
    ...optional('clientCertBinding', text('clientCertBinding') as 'off' | 'required' | undefined),
    ...optional('maxTokenAge', maxTokenAge === undefined ? undefined : seconds('maxTokenAge', maxTokenAge)),
    ...optional(
      'claimValues',
      claimValues === undefined ? undefined : (JSON.parse(claimValues) as Record<string, ClaimValue | ClaimValue[]>),
    ),
    ...optional(
      'routeScopes',
      routeScopes === undefined ? undefined : (JSON.parse(routeScopes) as Record<string, string[]>),
    ),
    ...optional('routeRules', routeRules(context)),
  };
}

/** `routeRules`: `-c routeRules='{...}'` gives text, cdk.json an object. The construct validates it at synth. */
function routeRules(context: ContextReader): RouteRulesSetting | undefined {
  const value = context('routeRules');
  if (typeof value === 'string') return value.trim() === '' ? undefined : (JSON.parse(value) as RouteRulesSetting);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as RouteRulesSetting;
  if (value === undefined) return undefined;
  throw new Error('routeRules: a JSON object of "METHOD /path" to conditions, as text or in cdk.json');
}

function keySource(text: (key: string) => string | undefined): AuthorizerKeySource {
  const jwksUri = text('jwksUri');
  const ssmParameterName = text('ssmParameterName');
  const publicKey = text('publicKey');
  const cognitoUserPoolId = text('cognitoUserPoolId');
  const given = [jwksUri, ssmParameterName, publicKey, cognitoUserPoolId].filter((value) => value !== undefined);
  if (given.length !== 1) {
    throw new Error(
      'set exactly one key source: -c jwksUri=https://... | -c ssmParameterName=/name | -c publicKey=PEM | ' +
        '-c cognitoUserPoolId=<region>_<id>',
    );
  }
  if (jwksUri) return { jwksUri };
  if (cognitoUserPoolId) return { cognitoUserPoolId };
  if (publicKey) return { publicKey };
  const kmsKeyArn = text('kmsKeyArn');
  return { ssmParameterName: ssmParameterName as string, ...optional('kmsKeyArn', kmsKeyArn) };
}

/** A context value in whole seconds, as a Duration; the authorizer's own parser checks its range at synth. */
function seconds(key: string, raw: string): Duration {
  if (!/^\d+$/.test(raw)) throw new Error(`-c ${key}: a whole number of seconds, got "${raw}"`);
  return Duration.seconds(Number(raw));
}

/** `{ [key]: value }` when the value is set, `{}` otherwise (exactOptionalPropertyTypes refuses `undefined`). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
