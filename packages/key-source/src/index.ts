export { createInlineKeySource, type InlineKeySourceOptions, keySourceOf } from './create-inline-key-source.js';
export { type ParseKeySetOptions, parseKeySet } from './parse-key-set.js';
