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

/** REST API `REQUEST` event; `nullMaps` gives the `null` maps a request without query string or headers has. */
export function restRequestEvent(
  headers: Record<string, string> | null,
  methodArn: string,
  options: { nullMaps?: boolean; multiValueHeaders?: Record<string, string[]> | null } = {},
) {
  const multiValueHeaders =
    options.multiValueHeaders !== undefined
      ? options.multiValueHeaders
      : headers && Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
  return {
    type: 'REQUEST',
    methodArn,
    resource: '/pets/{id}',
    path: '/pets/42',
    httpMethod: 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters: options.nullMaps ? null : { QueryString1: 'queryValue1' },
    multiValueQueryStringParameters: options.nullMaps ? null : { QueryString1: ['queryValue1'] },
    pathParameters: { id: '42' },
    stageVariables: options.nullMaps ? null : { StageVar1: 'stageValue1' },
    requestContext,
  };
}

/** HTTP API payload 1.0 event: identity sources comma-joined into `identitySource` and `authorizationToken`. */
export function httpV1Event(headers: Record<string, string>, methodArn: string) {
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
    queryStringParameters: { parameter1: 'value1' },
    pathParameters: { id: '42' },
    stageVariables: {},
    requestContext: { ...requestContext, stage: '$default' },
  };
}

/** HTTP API payload 2.0 event: lower-cased headers, `identitySource` array, `routeArn`. */
export function httpV2Event(identitySource: string[], routeArn: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn,
    identitySource,
    routeKey: 'GET /pets/{id}',
    rawPath: '/pets/42',
    rawQueryString: 'parameter1=value1',
    cookies: ['cookie1=a'],
    headers: { 'user-agent': 'curl/8.5.0', ...headers },
    queryStringParameters: { parameter1: 'value1' },
    requestContext: {
      accountId: '123456789012',
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
