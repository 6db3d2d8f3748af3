// What every peer handler shares: the TOKEN event in, an Allow policy out, `Error('Unauthorized')` for any refusal.
// Deliberately minimal (no context flattening, no logging): the peers are the cheapest correct handler a user
// could write on each library, so the comparison flatters them, not us.

/** The part of an API Gateway TOKEN event the peers read. */
export interface TokenEvent {
  type: 'TOKEN';
  authorizationToken: string;
  methodArn: string;
}

/** The policy API Gateway expects from a TOKEN authorizer. */
export interface AllowPolicy {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: [{ Action: 'execute-api:Invoke'; Effect: 'Allow'; Resource: string }];
  };
}

/** The configuration every peer reads, with the variables our authorizer reads (SPEC §2). */
export function peerConfig(env: Record<string, string | undefined> = process.env) {
  const publicKey = env['JWT_PUBLIC_KEY'];
  if (!publicKey) throw new Error('JWT_PUBLIC_KEY is not set');
  return {
    publicKey,
    algorithm: env['JWT_ALGORITHMS'] ?? 'RS256',
    issuer: env['JWT_ISSUER'] ?? '',
    audience: env['JWT_AUDIENCE'] ?? '',
  };
}

/** The JWT of `Bearer <jwt>`, or `Unauthorized`. */
export function bearerToken(event: TokenEvent): string {
  const value = event.authorizationToken;
  if (typeof value !== 'string' || !/^bearer /i.test(value)) throw new Error('Unauthorized');
  return value.slice(7);
}

/** Allows the incoming method ARN for `principalId`. */
export function allow(event: TokenEvent, principalId: unknown): AllowPolicy {
  if (typeof principalId !== 'string' || principalId === '') throw new Error('Unauthorized');
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
    },
  };
}
