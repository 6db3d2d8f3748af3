// Events as API Gateway sends them, after the examples of AWS's developer guide
// (api-gateway-lambda-authorizer-input.html, http-api-lambda-authorizer.html), with the credential and ARN swapped.

const requestContext = {
  path: '/prod/pets/42',
  accountId: '123456789012',
  resourceId: '05c7jb',
  stage: 'prod',
  requestId: 'a3d6b1c2-7e1f-4b64-8b57-9d2e0c6f5a11',
  identity: { apiKey: '', sourceIp: '203.0.113.7' },
  resourcePath: '/pets/{id}',
  httpMethod: 'GET',
  apiId: 'abcdef1234',
};

/** REST API `TOKEN` event. */
export function restTokenEvent(authorizationToken: string, methodArn: string) {
  return { type: 'TOKEN', authorizationToken, methodArn };
}

/** Options of {@link restRequestEvent}. */
export interface RestRequestOptions {
  /** `null` maps, as a request without query string, headers or stage variables has them. */
  nullMaps?: boolean;
  /** The multi-value headers; default: one value per header of `headers`. */
  multiValueHeaders?: Record<string, string[]> | null;
  /** The query string, each parameter with one value or several (REST keeps the last in the single-value map). */
  query?: Record<string, string | string[]>;
  /** The mutual TLS client certificate API Gateway verified (`requestContext.identity.clientCert`). */
  clientCertPem?: string;
}

/** The single- and multi-value maps REST APIs give a query string: the single-value map keeps the last value. */
function queryMaps(query: Record<string, string | string[]>) {
  const multi = Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value].flat()]));
  const single = Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values.at(-1) ?? '']));
  return { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

/** The clientCert object of a mutual TLS request, after AWS's example (rest-api-mutual-tls.html). */
export function clientCertOf(clientCertPem: string) {
  return {
    clientCertPem,
    subjectDN: 'CN=jwt-authorizer-client-a',
    issuerDN: 'CN=jwt-authorizer-client-a',
    serialNumber: '22:16:03:c4:ef:5b:e3:67:cd:f7:56:2c:35:1b:d5:99:99:b7:de:19',
    validity: { notBefore: 'Dec  1 22:48:18 2026 GMT', notAfter: 'Nov  7 22:48:18 2126 GMT' },
  };
}

/** REST API `REQUEST` event; `nullMaps` gives the `null` maps a request without query string or headers has. */
export function restRequestEvent(
  headers: Record<string, string> | null,
  methodArn: string,
  options: RestRequestOptions = {},
) {
  const multiValueHeaders =
    options.multiValueHeaders !== undefined
      ? options.multiValueHeaders
      : headers && Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  const query = options.query
    ? queryMaps(options.query)
    : options.nullMaps
      ? { queryStringParameters: null, multiValueQueryStringParameters: null }
      : queryMaps({ QueryString1: 'queryValue1' });
  return {
    type: 'REQUEST',
    methodArn,
    resource: '/pets/{id}',
    path: '/pets/42',
    httpMethod: 'GET',
    headers,
    multiValueHeaders,
    ...query,
    pathParameters: { id: '42' },
    stageVariables: options.nullMaps ? null : { StageVar1: 'stageValue1' },
    requestContext: options.clientCertPem
      ? { ...requestContext, identity: { ...requestContext.identity, clientCert: clientCertOf(options.clientCertPem) } }
      : requestContext,
  };
}

/**
 * WebSocket API `$connect` event of a REQUEST authorizer, after AWS's example
 * (apigateway-websocket-api-lambda-auth.html): the handshake's headers, the query string, no path, no method.
 */
export function webSocketConnectEvent(
  headers: Record<string, string>,
  methodArn: string,
  query: Record<string, string | string[]> | null = null,
) {
  const all = {
    Connection: 'upgrade',
    'content-length': '0',
    Host: 'abcdef123.execute-api.us-east-1.amazonaws.com',
    'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    Upgrade: 'websocket',
    'X-Forwarded-For': '203.0.113.7',
    'X-Forwarded-Port': '443',
    'X-Forwarded-Proto': 'https',
    ...headers,
  };
  return {
    type: 'REQUEST',
    methodArn,
    headers: all,
    multiValueHeaders: Object.fromEntries(Object.entries(all).map(([name, value]) => [name, [value]])),
    ...(query ? queryMaps(query) : { queryStringParameters: null, multiValueQueryStringParameters: null }),
    stageVariables: {},
    requestContext: {
      routeKey: '$connect',
      eventType: 'CONNECT',
      extendedRequestId: 'GH6vNFXUIAMFfKQ=',
      requestTime: '19/Jan/2023:21:13:26 +0000',
      messageDirection: 'IN',
      stage: 'default',
      connectedAt: 1674162806344,
      requestTimeEpoch: 1674162806345,
      identity: { sourceIp: '203.0.113.7' },
      requestId: 'GH6vNFXUIAMFfKQ=',
      domainName: 'abcdef123.execute-api.us-east-1.amazonaws.com',
      connectionId: 'GH6vNcU9oAMCJjA=',
      apiId: 'abcdef123',
    },
  };
}

/** HTTP API payload 1.0 event: identity sources comma-joined into `identitySource` and `authorizationToken`. */
export function httpV1Event(
  headers: Record<string, string>,
  methodArn: string,
  query: Record<string, string | string[]> = { parameter1: 'value1' },
) {
  const identity = [headers['Authorization'] ?? headers['authorization'] ?? '', 'user1'].join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn,
    identitySource: identity,
    authorizationToken: identity,
    resource: '/pets/{id}',
    path: '/pets/42',
    httpMethod: 'GET',
    headers: { 'User-Agent': 'curl/8.5.0', ...headers },
    multiValueHeaders: Object.fromEntries(
      Object.entries({ 'User-Agent': 'curl/8.5.0', ...headers }).map(([name, value]) => [name, [value]]),
    ),
    ...queryMaps(query),
    pathParameters: { id: '42' },
    stageVariables: {},
    requestContext: { ...requestContext, stage: '$default' },
  };
}

/** Options of {@link httpV2Event}. */
export interface HttpV2Options {
  /** The `cookies` array: API Gateway splits the Cookie header into one entry per pair. */
  cookies?: string[];
  /** Query string parameters, repeats joined with commas as HTTP APIs do. */
  query?: Record<string, string>;
  /** The mutual TLS client certificate (`requestContext.authentication.clientCert`). */
  clientCertPem?: string;
}

/**
 * HTTP API payload 2.0 event: lower-cased headers, `identitySource` array, `cookies` array, `routeArn`. API
 * Gateway takes the identity sources' values from the request, so a first identity source given without an
 * `authorization` header is the `Authorization` header (the default identity source).
 */
export function httpV2Event(
  identitySource: string[],
  routeArn: string,
  headers: Record<string, string> = {},
  options: HttpV2Options = {},
) {
  const [first] = identitySource;
  const query = options.query ?? { parameter1: 'value1' };
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn,
    identitySource,
    routeKey: 'GET /pets/{id}',
    rawPath: '/pets/42',
    rawQueryString: new URLSearchParams(query).toString(),
    cookies: options.cookies ?? ['cookie1=a'],
    headers: {
      'user-agent': 'curl/8.5.0',
      ...(first && headers['authorization'] === undefined && { authorization: first }),
      ...headers,
    },
    queryStringParameters: query,
    requestContext: {
      accountId: '123456789012',
      ...(options.clientCertPem && { authentication: { clientCert: clientCertOf(options.clientCertPem) } }),
      apiId: 'abcdef1234',
      domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abcdef1234',
      http: { method: 'GET', path: '/pets/42', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: 'id',
      routeKey: 'GET /pets/{id}',
      stage: '$default',
      time: '12/Mar/2020:19:03:58 +0000',
      timeEpoch: 1583348638390,
    },
    pathParameters: { id: '42' },
    stageVariables: {},
  };
}
