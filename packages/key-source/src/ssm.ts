export { createSsmKeySource, type SsmClientLike, type SsmKeySourceOptions } from './create-ssm-key-source.js';
