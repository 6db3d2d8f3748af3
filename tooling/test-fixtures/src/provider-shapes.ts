import type { JWTPayload } from 'jose';

/** The identity providers whose tokens {@link PROVIDER_SHAPES} describes. */
export type ProviderName = 'entra' | 'auth0' | 'okta' | 'keycloak' | 'google';

/** How one provider's token looks, after its own documentation. */
export interface ProviderShape {
  /** Its `iss`, in the provider's real form with an example tenant, domain or realm. */
  issuer: string;
  /** The path of its JWKS below its origin, as its discovery document names it. */
  jwksPath: string;
  /** Its default signing algorithm. */
  alg: 'RS256';
  /** The protected header besides `alg` and `kid`: `typ` where the provider sets one. */
  header: { typ?: string };
  /** The payload of a typical token, `iss` and the times left out. */
  claims: JWTPayload;
  /** The time claims it carries besides `iat` and `exp`, set to the signing time. */
  timeClaims: ReadonlyArray<'nbf' | 'auth_time'>;
  /** The kind of token shaped. */
  token: 'access' | 'id';
  /** The documentation the shape follows. */
  documentation: string;
}

/** The tenant of the Entra ID examples (a GUID, as every `tid`). */
export const ENTRA_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** Entra ID's v2.0 issuer for a tenant; multi-tenant apps see one per tenant. */
export const entraIssuer = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;
/** The application (client) id of the API the Entra ID examples call: its v2.0 access tokens' `aud`. */
export const ENTRA_API_CLIENT_ID = '6e74172b-be56-4843-9ff4-e66a39bb12e3';

/**
 * Tokens as each provider documents them: claims, header and issuer form. Only the keys are this suite's own.
 * Sign them with {@link startProviderIssuer}.
 */
export const PROVIDER_SHAPES: Readonly<Record<ProviderName, ProviderShape>> = {
  // A v2.0 access token of a user, for an API whose app registration sets accessTokenAcceptedVersion 2.
  entra: {
    issuer: entraIssuer(ENTRA_TENANT_ID),
    jwksPath: `/${ENTRA_TENANT_ID}/discovery/v2.0/keys`,
    alg: 'RS256',
    header: { typ: 'JWT' },
    token: 'access',
    timeClaims: ['nbf'],
    documentation: 'https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference',
    claims: {
      aud: ENTRA_API_CLIENT_ID,
      aio: 'AWQAm/8ZAAAA',
      azp: 'a1f2c3d4-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
      azpacr: '0',
      name: 'Ada Lovelace',
      oid: '00000000-0000-0000-66f3-3332eca7ea81',
      preferred_username: 'ada@contoso.example',
      rh: '0.AAAA',
      roles: ['Orders.Admin'],
      scp: 'Orders.Read Orders.Write',
      sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ',
      tid: ENTRA_TENANT_ID,
      uti: 'AbCdEf0123456789abcdEF',
      ver: '2.0',
    },
  },
  // An access token of the default "Auth0" token profile with RBAC's "Add Permissions in the Access Token" on,
  // and a namespaced custom claim set by an Action.
  auth0: {
    issuer: 'https://example-tenant.us.auth0.com/',
    jwksPath: '/.well-known/jwks.json',
    alg: 'RS256',
    header: { typ: 'JWT' },
    token: 'access',
    timeClaims: [],
    documentation: 'https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles',
    claims: {
      sub: 'auth0|6553da60a54af58e29493993',
      aud: ['https://api.example.com/orders', 'https://example-tenant.us.auth0.com/userinfo'],
      azp: 'K1AUPhZq8mRi0Q0pjhkfu1D7y6KjDQja',
      scope: 'openid profile read:orders',
      permissions: ['read:orders', 'write:orders'],
      'https://example.com/roles': ['admin'],
    },
  },
  // An access token of a custom authorization server ("default"); Okta's headers carry no `typ`.
  okta: {
    issuer: 'https://example.okta.com/oauth2/default',
    jwksPath: '/oauth2/default/v1/keys',
    alg: 'RS256',
    header: {},
    token: 'access',
    timeClaims: ['auth_time'],
    documentation: 'https://developer.okta.com/docs/reference/api/oidc/',
    claims: {
      ver: 1,
      jti: 'AT.xtjhr8FeMkyMfgLiFzVYOYPbgqWdd6ONULT3ffeK7d4',
      aud: 'api://default',
      cid: '0oaosna3ilNxgPTmk0h7',
      uid: '00uixa271s6x7qt8I0h7',
      scp: ['openid', 'orders:read'],
      sub: 'ada@example.com',
      groups: ['Everyone', 'Admins'],
    },
  },
  // An access token of a realm with an audience mapper for the API client.
  keycloak: {
    issuer: 'https://keycloak.example.com/realms/example',
    jwksPath: '/realms/example/protocol/openid-connect/certs',
    alg: 'RS256',
    header: { typ: 'JWT' },
    token: 'access',
    timeClaims: ['auth_time'],
    documentation: 'https://www.keycloak.org/docs/latest/server_admin/',
    claims: {
      jti: '179a04e8-6a41-41bb-ab20-14d55a8518af',
      aud: ['orders-api', 'account'],
      sub: '8befeac4-8963-49da-a9ac-f310e8d922d8',
      typ: 'Bearer',
      azp: 'orders-web',
      sid: '54db1502-a5dc-4a27-af62-eeef0694a628',
      acr: '1',
      realm_access: { roles: ['default-roles-example', 'offline_access', 'uma_authorization', 'admin'] },
      resource_access: {
        'orders-api': { roles: ['orders:read'] },
        account: { roles: ['manage-account', 'view-profile'] },
      },
      scope: 'openid email profile',
      email_verified: true,
      preferred_username: 'ada',
      email: 'ada@example.com',
    },
  },
  // A Sign in with Google ID token: Google's access tokens are opaque, its ID tokens are what APIs get.
  google: {
    issuer: 'https://accounts.google.com',
    jwksPath: '/oauth2/v3/certs',
    alg: 'RS256',
    header: { typ: 'JWT' },
    token: 'id',
    timeClaims: [],
    documentation: 'https://developers.google.com/identity/openid-connect/openid-connect',
    claims: {
      azp: '1234987819200-abc123def456.apps.googleusercontent.com',
      aud: '1234987819200-abc123def456.apps.googleusercontent.com',
      sub: '110169484474386276334',
      email: 'ada@example.com',
      email_verified: true,
      at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
      hd: 'example.com',
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
    },
  },
};
