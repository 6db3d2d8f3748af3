export { type Algorithm, isSupportedAlgorithm, keyTypeFor, SUPPORTED_ALGORITHMS } from './algorithms.js';
export {
  type AuthorizerContext,
  type BuildContextOptions,
  type BuiltContext,
  buildContext,
  type ContextValue,
  DEFAULT_CONTEXT_BUDGET_BYTES,
} from './build-context.js';
export {
  type AuthorizerPolicyResult,
  type AuthorizerSimpleResult,
  type BuildPolicyInput,
  buildPolicy,
  type PolicyResource,
  type PolicyStatement,
  policyResource,
} from './build-policy.js';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './create-token-verifier.js';
export { describeToken, type TokenDescription } from './describe-token.js';
export {
  ConfigError,
  type ConfigErrorCode,
  KeySourceError,
  type KeySourceErrorCode,
  TokenError,
  type TokenErrorCode,
} from './errors.js';
export {
  DEFAULT_MAX_TOKEN_LENGTH,
  type ExtractBearerTokenOptions,
  extractBearerToken,
} from './extract-bearer-token.js';
export { isSecureKeyUrl } from './is-secure-key-url.js';
export type { KeySource } from './key-source.js';
export { matchResource } from './match-resource.js';
export { type Config, type Env, type KeySourceConfig, parseConfig } from './parse-config.js';
export { formatMethodArn, type MethodArn, MethodArnError, parseMethodArn } from './parse-method-arn.js';
export {
  AUTHORIZER_RESPONSE_LIMIT_BYTES,
  LONGEST_ARN_PREFIX_LENGTH,
  MAX_RESOURCE_LENGTH,
  parseRouteScopes,
  ROUTE_METHODS,
  ROUTE_POLICY_BUDGET_BYTES,
  type RouteMethod,
  type RouteRule,
} from './parse-route-scopes.js';
export { routeResources } from './route-resources.js';
export { tokenScopes } from './token-scopes.js';
export { verifyOptionsOf } from './verify-options-of.js';
export {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  MAX_PRINCIPAL_LENGTH,
  type VerifiedToken,
  type VerifyTokenOptions,
  verifyToken,
} from './verify-token.js';
