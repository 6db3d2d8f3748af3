import { X509Certificate } from 'node:crypto';

/**
 * Which authorizer API Gateway is emulated: REST `TOKEN`, REST `REQUEST`, HTTP API payload 2.0, or a WebSocket API's
 * `$connect` REQUEST authorizer.
 */
export type GatewayEventFormat = 'token' | 'request' | 'http' | 'websocket';

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
 * method and path (not the route's template); for a WebSocket API, the `$connect` route's.
 *
 * @example
 * ```ts
 * requestArn(location, 'GET', '/pets/42'); // 'arn:aws:execute-api:us-east-1:123456789012:localapi01/prod/GET/pets/42'
 * ```
 */
export function requestArn(location: ApiLocation, method: string, path: string, format?: GatewayEventFormat): string {
  const { region, accountId, apiId, stage } = location;
  const route = format === 'websocket' ? '$connect' : `${method}/${path.replace(/^\//, '')}`;
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${route}`;
}

/** One request as the gateway receives it, whether over HTTP or from `explain`. */
export interface GatewayRequest {
  method: string;
  /** Path and query string, as the client sent them. */
  url: string;
  /** Header names and values in the client's order and case; a repeated header appears repeatedly. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** Default `127.0.0.1`. */
  sourceIp?: string;
  /** Default `HTTP/1.1`. */
  protocol?: string;
  /** The client certificate of a mutual TLS connection, as API Gateway passes it on (`clientCertPem`). */
  clientCertPem?: string;
}

/**
 * A header's value, its name compared case-insensitively; repeated headers joined with commas (RFC 9110 §5.3), as
 * HTTP APIs pass them.
 *
 * @example
 * ```ts
 * headerValue(request, 'authorization'); // 'Bearer eyJ...'
 * ```
 */
export function headerValue(request: GatewayRequest, name: string): string | undefined {
  const values = request.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
  return values.length > 0 ? values.join(',') : undefined;
}

/** The request's headers as the client wrote them (names keep their case, as REST APIs pass them). */
function rawHeaders(request: GatewayRequest): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of request.headers) {
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  return { single, multi };
}

/** The `clientCert` of a mutual TLS request (rest-api-mutual-tls.html), or nothing without a certificate. */
function clientCert(request: GatewayRequest) {
  if (request.clientCertPem === undefined) return undefined;
  let subject = '';
  let issuer = '';
  let serialNumber = '';
  let validity = { notBefore: '', notAfter: '' };
  try {
    const certificate = new X509Certificate(request.clientCertPem);
    subject = certificate.subject;
    issuer = certificate.issuer;
    serialNumber = certificate.serialNumber;
    validity = { notBefore: certificate.validFrom, notAfter: certificate.validTo };
  } catch {
    // Passed on as it came: the authorizer says what it makes of it.
  }
  return { clientCertPem: request.clientCertPem, subjectDN: subject, issuerDN: issuer, serialNumber, validity };
}

/**
 * The event API Gateway sends the authorizer for `request`, in `format` (shapes from AWS's developer guide:
 * api-gateway-lambda-authorizer-input.html, http-api-lambda-authorizer.html, apigateway-websocket-api-lambda-auth.html).
 * `identity` holds the identity sources' values: a TOKEN event's `authorizationToken` is the first, an HTTP API
 * event's `identitySource` all of them.
 *
 * @example
 * ```ts
 * buildEvent('token', { method: 'GET', url: '/pets', headers: [] }, location, ['Bearer eyJ...']); // { type: 'TOKEN', ... }
 * ```
 */
export function buildEvent(
  format: GatewayEventFormat,
  request: GatewayRequest,
  location: ApiLocation,
  identity: readonly string[],
): Record<string, unknown> {
  const url = new URL(request.url, 'http://localhost');
  const { method } = request;
  const sourceIp = request.sourceIp ?? '127.0.0.1';
  const arn = requestArn(location, method, url.pathname, format);
  if (format === 'token') return { type: 'TOKEN', authorizationToken: identity[0] ?? '', methodArn: arn };
  const query = [...url.searchParams.keys()].length > 0 ? url.searchParams : undefined;
  const queryMaps = {
    queryStringParameters: query ? Object.fromEntries(query) : null,
    multiValueQueryStringParameters: query
      ? Object.fromEntries([...query.keys()].map((key) => [key, query.getAll(key)]))
      : null,
  };
  const cert = clientCert(request);
  if (format === 'websocket') {
    const { single, multi } = rawHeaders(request);
    return {
      type: 'REQUEST',
      methodArn: arn,
      headers: single,
      multiValueHeaders: multi,
      ...queryMaps,
      stageVariables: {},
      requestContext: {
        routeKey: '$connect',
        eventType: 'CONNECT',
        messageDirection: 'IN',
        stage: location.stage,
        connectedAt: Date.now(),
        requestTimeEpoch: Date.now(),
        identity: { sourceIp, userAgent: headerValue(request, 'user-agent') ?? '' },
        requestId: crypto.randomUUID(),
        domainName: headerValue(request, 'host') ?? 'localhost',
        connectionId: crypto.randomUUID(),
        apiId: location.apiId,
      },
    };
  }
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
      ...queryMaps,
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
        identity: { sourceIp, ...(cert && { clientCert: cert }) },
      },
    };
  }
  // HTTP API 2.0: header names lower-cased, repeated headers and parameters joined with commas, the Cookie
  // header split into the cookies array, one pair per entry.
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()).filter((name) => name !== 'cookie'));
  const headers = Object.fromEntries([...names].map((name) => [name, headerValue(request, name) ?? '']));
  const cookies = request.headers
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((pair) => pair.trim())
    .filter(Boolean);
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: arn,
    identitySource: [...identity],
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(query && {
      queryStringParameters: Object.fromEntries([...query.keys()].map((key) => [key, query.getAll(key).join(',')])),
    }),
    requestContext: {
      accountId: location.accountId,
      apiId: location.apiId,
      ...(cert && { authentication: { clientCert: cert } }),
      domainName: headerValue(request, 'host') ?? 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: request.protocol ?? 'HTTP/1.1',
        sourceIp,
        userAgent: headerValue(request, 'user-agent') ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: location.stage,
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}
