import type { IncomingMessage } from 'node:http';

/** Which authorizer API Gateway is emulated: REST `TOKEN`, REST `REQUEST`, or HTTP API payload 2.0. */
export type GatewayEventFormat = 'token' | 'request' | 'http';

/** Where the emulated API lives; it makes the ARNs the authorizer sees. */
export interface ApiLocation {
  region: string;
  accountId: string;
  apiId: string;
  /** The stage name (`prod` for REST, `$default` for HTTP APIs unless given). */
  stage: string;
}

/**
 * The ARN API Gateway gives the route called: `methodArn` (REST) or `routeArn` (HTTP API), with the request's own
 * method and path (not the route's template).
 *
 * @example
 * ```ts
 * requestArn(location, 'GET', '/pets/42'); // 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets/42'
 * ```
 */
export function requestArn(location: ApiLocation, method: string, path: string): string {
  const { region, accountId, apiId, stage } = location;
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}/${path.replace(/^\//, '')}`;
}

/** The request's headers as the client wrote them (names keep their case, as REST APIs pass them). */
function rawHeaders(request: IncomingMessage): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const value = request.rawHeaders[i + 1] as string;
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  return { single, multi };
}

/**
 * The event API Gateway sends the authorizer for `request`, in `format` (shapes from AWS's developer guide:
 * api-gateway-lambda-authorizer-input.html and http-api-lambda-authorizer.html).
 *
 * @example
 * ```ts
 * buildEvent('token', request, location, 'Bearer eyJ...'); // { type: 'TOKEN', authorizationToken, methodArn }
 * ```
 */
export function buildEvent(
  format: GatewayEventFormat,
  request: IncomingMessage,
  location: ApiLocation,
  identity: string,
): Record<string, unknown> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const arn = requestArn(location, method, url.pathname);
  if (format === 'token') return { type: 'TOKEN', authorizationToken: identity, methodArn: arn };
  const query = [...url.searchParams.keys()].length > 0 ? url.searchParams : undefined;
  if (format === 'request') {
    const { single, multi } = rawHeaders(request);
    return {
      type: 'REQUEST',
      methodArn: arn,
      resource: url.pathname,
      path: url.pathname,
      httpMethod: method,
      headers: single,
      multiValueHeaders: multi,
      queryStringParameters: query ? Object.fromEntries(query) : null,
      multiValueQueryStringParameters: query
        ? Object.fromEntries([...query.keys()].map((key) => [key, query.getAll(key)]))
        : null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: location.accountId,
        apiId: location.apiId,
        stage: location.stage,
        httpMethod: method,
        path: `/${location.stage}${url.pathname}`,
        resourcePath: url.pathname,
        requestId: crypto.randomUUID(),
        identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
      },
    };
  }
  // HTTP API 2.0: header names lower-cased, repeated headers joined with commas.
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : (value ?? ''),
    ]),
  );
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: arn,
    identitySource: [identity],
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(query && { queryStringParameters: Object.fromEntries(query) }),
    requestContext: {
      accountId: location.accountId,
      apiId: location.apiId,
      domainName: request.headers.host ?? 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: location.stage,
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}
