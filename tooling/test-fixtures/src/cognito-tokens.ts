import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoLocal } from './cognito-local.ts';
import type { CognitoUser } from './cognito-pool.ts';

/** The tokens of one sign-in. */
export interface CognitoTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Signs `user` in to the app client `clientId` with `InitiateAuth` and the USER_PASSWORD_AUTH flow (the only
 * password flow cognito-local implements without a challenge), as a client application does.
 *
 * @example
 * ```ts
 * const { accessToken, idToken } = await signInToCognito(cognito, pool.clients.web, pool.member);
 * ```
 */
export async function signInToCognito(
  cognito: CognitoLocal,
  clientId: string,
  user: Pick<CognitoUser, 'email' | 'password'>,
): Promise<CognitoTokens> {
  const { AuthenticationResult: result } = await cognito.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) throw new Error('InitiateAuth: no tokens');
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

/**
 * New ID and access tokens for a refresh token, with `InitiateAuth` and the REFRESH_TOKEN_AUTH flow. As from Amazon
 * Cognito (without refresh token rotation), no new refresh token comes back.
 *
 * @example
 * ```ts
 * const { accessToken } = await refreshCognitoTokens(cognito, pool.clients.web, tokens.refreshToken);
 * ```
 */
export async function refreshCognitoTokens(
  cognito: CognitoLocal,
  clientId: string,
  refreshToken: string,
): Promise<Omit<CognitoTokens, 'refreshToken'>> {
  const { AuthenticationResult: result } = await cognito.client.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  if (!result?.IdToken || !result.AccessToken) throw new Error('InitiateAuth: no tokens for the refresh token');
  return { idToken: result.IdToken, accessToken: result.AccessToken };
}
