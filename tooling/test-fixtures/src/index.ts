export {
  CLIENT_CERT_A,
  CLIENT_CERT_A_THUMBPRINT,
  CLIENT_CERT_B,
  CLIENT_CERT_B_THUMBPRINT,
} from './client-certificates.ts';
export { type CognitoLocal, startCognitoLocal } from './cognito-local.ts';
export { type CognitoPool, type CognitoUser, createCognitoPool } from './cognito-pool.ts';
export { type CognitoTokens, refreshCognitoTokens, signInToCognito } from './cognito-tokens.ts';
export { type JwksServer, type JwksServerMode, startJwksServer } from './jwks-server.ts';
export {
  b64json,
  createTestKey,
  createWeakRsaPublicKey,
  hmacWithPublicKeyToken,
  type SignTokenOptions,
  signToken,
  type TestKey,
  unsignedToken,
  withPayload,
} from './keys.ts';
export {
  type ClientCredentialsRequest,
  type OAuth2MockServer,
  startOAuth2MockServer,
} from './oauth2-mock-server.ts';
export { type ProviderIssuer, type ProviderSignOptions, startProviderIssuer } from './provider-issuer.ts';
export {
  ENTRA_API_CLIENT_ID,
  ENTRA_TENANT_ID,
  entraIssuer,
  PROVIDER_SHAPES,
  type ProviderName,
  type ProviderShape,
} from './provider-shapes.ts';
export { METHOD_ARN, SEED_ENV, SEED_PUBLIC_KEY, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from './seed.ts';
export { type SsmRequest, type SsmServer, type StartSsmServerOptions, startSsmServer } from './ssm-server.ts';
export { thrownBy } from './thrown-by.ts';
export { startTrapServer, type TrapServer } from './trap-server.ts';
export { createRocaKey, createRsaKeyWithExponent, forgeExponentOneToken, modInverse } from './weak-rsa-keys.ts';
