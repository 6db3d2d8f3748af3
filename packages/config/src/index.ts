export { type CreateKeySourceOptions, createKeySource } from './create-key-source.js';
export {
  type AuthorizerType,
  type IdentitySource,
  type IdentitySourcePlan,
  identitySourcePlan,
} from './identity-source-plan.js';
export {
  type Config,
  type KeyCacheConfig,
  type KeySourceConfig,
  type LambdaConfig,
  parseConfig,
  type RequestConfig,
  type ResponseConfig,
} from './parse-config.js';
export type { Env } from './read-variable.js';
export { KEY_SOURCE_VARIABLES, VARIABLES, type Variable, type VariableName } from './variables.js';
