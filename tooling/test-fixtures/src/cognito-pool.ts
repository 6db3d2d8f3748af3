import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoLocal } from './cognito-local.ts';

/** A user of a {@link CognitoPool}, confirmed, with a permanent password. */
export interface CognitoUser {
  /** The sign-in name: an email, the pool's username attribute. */
  email: string;
  password: string;
  /** Cognito's own user name: with email as username attribute, a UUID equal to `sub`. */
  username: string;
  sub: string;
}

/** What {@link createCognitoPool} made. */
export interface CognitoPool {
  /** `local_<8 alphanumerics>`: cognito-local's pool ids have the shape `<region>_<id>`, with `local` as region. */
  userPoolId: string;
  /** The `iss` of its tokens. */
  issuer: string;
  /** Its JWKS, as cognito-local serves it. */
  jwksUri: string;
  /** Two app clients, no secret, allowed USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH: `web` is "the" client. */
  clients: { web: string; mobile: string };
  /** A group of the pool. */
  group: string;
  /** A user in {@link group}. */
  member: CognitoUser;
  /** A user in no group. */
  outsider: CognitoUser;
}

const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * Creates, through the Cognito API (the real SDK client), a user pool signing in by email, two app clients, a group
 * and two confirmed users, one of them in the group.
 *
 * @example
 * ```ts
 * const pool = await createCognitoPool(cognito);
 * const tokens = await signInToCognito(cognito, pool.clients.web, pool.member);
 * ```
 */
export async function createCognitoPool(cognito: CognitoLocal, group = 'admins'): Promise<CognitoPool> {
  const { client } = cognito;
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({ PoolName: 'authorizer-tests', UsernameAttributes: ['email'] }),
  );
  const userPoolId = required(UserPool?.Id, 'CreateUserPool: no pool id');
  const appClient = async (name: string) => {
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: name,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    return required(UserPoolClient?.ClientId, 'CreateUserPoolClient: no client id');
  };
  const user = async (email: string): Promise<CognitoUser> => {
    const { User } = await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    const username = required(User?.Username, 'AdminCreateUser: no user name');
    const sub = required(User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value, 'no sub');
    await client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: PASSWORD, Permanent: true }),
    );
    return { email, password: PASSWORD, username, sub };
  };

  const clients = { web: await appClient('web'), mobile: await appClient('mobile') };
  await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
  const member = await user('ada@example.com');
  const outsider = await user('bob@example.com');
  await client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: member.email, GroupName: group }),
  );
  const issuer = cognito.issuerOf(userPoolId);
  return { userPoolId, issuer, jwksUri: `${issuer}/.well-known/jwks.json`, clients, group, member, outsider };
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new Error(message);
  return value;
}
