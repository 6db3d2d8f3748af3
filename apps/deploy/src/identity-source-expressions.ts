import type { IdentitySource } from '@jwt-authorizer/config';

/** The API types whose authorizers take identity sources, each with its own mapping expressions. */
export type ApiKind = 'rest' | 'http' | 'websocket';

// REST: method.request.header.X / method.request.querystring.x (api-gateway-lambda-authorizer-input.html); HTTP
// APIs: $request.header.X / $request.querystring.x (http-api-lambda-authorizer.html); WebSocket APIs:
// route.request.header.X / route.request.querystring.x (the ApiGatewayV2 Authorizer's identitySource).
const PREFIX: Record<ApiKind, string> = { rest: 'method.request', http: '$request', websocket: 'route.request' };

/**
 * The mapping expressions of identity sources for an API type, in order.
 *
 * @example
 * ```ts
 * identitySourceExpressions([{ in: 'query', name: 'token' }], 'http'); // ['$request.querystring.token']
 * ```
 */
export function identitySourceExpressions(sources: readonly IdentitySource[], api: ApiKind): string[] {
  return sources.map((source) => `${PREFIX[api]}.${source.in === 'header' ? 'header' : 'querystring'}.${source.name}`);
}
