import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/** Options of {@link addCorsGatewayResponses}. */
export interface CorsGatewayResponsesOptions {
  /**
   * The one origin the error responses allow (`https://app.example`, or `*` for an API called without
   * credentials). Default: the one origin of the API's `defaultCorsPreflightOptions`.
   */
  readonly allowOrigin?: string;
  /** Whether browsers may read them from requests sent with credentials (cookies). Default: as the preflight says. */
  readonly allowCredentials?: boolean;
}

/**
 * Adds CORS headers to API Gateway's own 4XX and 5XX answers (`DEFAULT_4XX`, `DEFAULT_5XX` gateway responses), the
 * 401 and 403 of the authorizer among them: without them a browser hides the status behind a CORS error, and the
 * app cannot tell "sign in again" from "you may not" (gateway-response-types.html, how-to-cors.html). A gateway
 * response's headers are static, so it names one origin: API Gateway cannot choose among several per request here.
 *
 * @throws {Error} when no single origin is given or configured, or `*` with credentials (browsers refuse both).
 * @example
 * ```ts
 * const api = new apigateway.RestApi(this, 'Api', { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example'] } });
 * addCorsGatewayResponses(api);
 * ```
 */
export function addCorsGatewayResponses(
  api: apigateway.RestApi,
  options: CorsGatewayResponsesOptions = {},
): apigateway.GatewayResponse[] {
  const preflight = api.root.defaultCorsPreflightOptions;
  const origins = options.allowOrigin !== undefined ? [options.allowOrigin] : (preflight?.allowOrigins ?? []);
  const [origin] = origins;
  if (origins.length !== 1 || origin === undefined) {
    throw new Error(
      `addCorsGatewayResponses: name the one origin error responses allow (allowOrigin): the API's CORS lists ${origins.length === 0 ? 'none' : origins.join(', ')}`,
    );
  }
  const credentials = options.allowCredentials ?? preflight?.allowCredentials ?? false;
  if (credentials && origin === '*') {
    throw new Error('addCorsGatewayResponses: browsers refuse "*" with credentials: name the origin (allowOrigin)');
  }
  const responseHeaders: Record<string, string> = {
    'Access-Control-Allow-Origin': `'${origin}'`,
    ...(origin !== '*' && { Vary: "'Origin'" }),
    ...(credentials && { 'Access-Control-Allow-Credentials': "'true'" }),
  };
  return [apigateway.ResponseType.DEFAULT_4XX, apigateway.ResponseType.DEFAULT_5XX].map((type) =>
    api.addGatewayResponse(`Cors${type.responseType}`, { type, responseHeaders }),
  );
}
