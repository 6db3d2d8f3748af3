export {
  type Algorithm,
  isSupportedAlgorithm,
  keyTypeFor,
  MIN_RSA_BITS,
  SUPPORTED_ALGORITHMS,
} from './algorithms.js';
export {
  type AuthorizerContext,
  type BuildContextOptions,
  type BuiltContext,
  buildContext,
  type ContextValue,
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
export { certificateThumbprint, checkCertificateBinding } from './check-certificate-binding.js';
export { checkRouteBudget, LONGEST_ARN_PREFIX_LENGTH } from './check-route-budget.js';
export { type ClaimValue, claimMatches, isClaimValue } from './claim-matches.js';
export { type ClaimReference, parseClaimReference, readClaim } from './claim-reference.js';
export { DEFAULT_CLOCK_TOLERANCE_SECONDS, normalizeTyp } from './compile-verify-options.js';
export { type ClaimValues, type ClaimValuesCheck, createClaimValuesCheck } from './create-claim-values-check.js';
export { createIssuerCheck, type IssuerCheck, TENANT_PLACEHOLDER } from './create-issuer-check.js';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './create-token-verifier.js';
export { decideRoute, type RouteDecision, type RuleFinding } from './decide-route.js';
export { describeToken, type TokenDescription } from './describe-token.js';
export {
  ConfigError,
  type ConfigErrorCode,
  type EventErrorCode,
  KeySourceError,
  type KeySourceErrorCode,
  MethodArnError,
  type ReasonCode,
  TokenError,
  type TokenErrorCode,
  UnsupportedEventError,
} from './errors.js';
export {
  type Claims,
  evaluateRoutes,
  evaluateRule,
  type PermittedRoute,
  type RuleEvaluation,
} from './evaluate-routes.js';
export {
  DEFAULT_MAX_TOKEN_LENGTH,
  type ExtractBearerTokenOptions,
  extractBearerToken,
} from './extract-bearer-token.js';
export {
  type ExtractedToken,
  type ExtractTokenOptions,
  extractToken,
  type RequestValues,
  type TokenRequest,
} from './extract-token.js';
export { isSecureKeyUrl } from './is-secure-key-url.js';
export { keySelectionError } from './key-selection-error.js';
export type { KeySource } from './key-source.js';
export { matchResource } from './match-resource.js';
export {
  type ConnectArn,
  formatConnectArn,
  formatMethodArn,
  isConnectArn,
  type MethodArn,
  parseConnectArn,
  parseMethodArn,
} from './parse-method-arn.js';
export { type ParseRouteOptions, parseRoute } from './parse-route.js';
export { parseRouteRules } from './parse-route-rules.js';
export { parseRouteScopes } from './parse-route-scopes.js';
export { MAX_PLACEHOLDER_VALUE_LENGTH, placeholderProblem } from './placeholder-value.js';
export { readCookie } from './read-cookie.js';
export { REASONS } from './reasons.js';
export {
  AUTHORIZER_RESPONSE_LIMIT_BYTES,
  contextBudget,
  DEFAULT_CONTEXT_BUDGET_BYTES,
  MAX_PRINCIPAL_LENGTH,
  MAX_RESOURCE_LENGTH,
  MAX_USAGE_IDENTIFIER_LENGTH,
  POLICY_ENVELOPE_BYTES,
  ROUTE_POLICY_BUDGET_BYTES,
} from './response-budget.js';
export { routeResources } from './route-resources.js';
export {
  ROUTE_METHODS,
  type RouteCondition,
  type RouteKey,
  type RouteMethod,
  type RouteRule,
  type RouteSegment,
} from './route-rule.js';
export { base64urlUint, rsaKeyObjectWeakness, rsaKeyWeakness } from './rsa-key-weakness.js';
export { rsaPublicJwk } from './rsa-public-jwk.js';
export { tokenScopes } from './token-scopes.js';
export {
  DEFAULT_TOKEN_SOURCES,
  formatTokenSource,
  isAuthorizationHeader,
  parseTokenSources,
  type TokenSource,
  type TokenSourceKind,
} from './token-source.js';
export { type VerifiedToken, type VerifyTokenOptions, verifyToken } from './verify-token.js';
