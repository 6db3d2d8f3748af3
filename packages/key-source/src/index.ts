export { createInlineKeySource, type InlineKeySourceOptions, keySourceOf } from './create-inline-key-source.js';
export { createIssuerKeySource, type IssuerKeySourceOptions } from './create-issuer-key-source.js';
export { createJwksKeySource, type JwksKeySourceOptions } from './create-jwks-key-source.js';
export { type ParseKeySetOptions, parseKeySet } from './parse-key-set.js';
export {
  type KeySourceEvent,
  REMOTE_KEY_SOURCE_DEFAULTS,
  type RemoteKeySourceOptions,
} from './remote-key-source-options.js';
