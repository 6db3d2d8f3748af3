import { isConnectArn, type TokenRequest, UnsupportedEventError } from '@jwt-authorizer/core';
import type {
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';

/**
 * Every event API Gateway sends a Lambda authorizer (docs/configuration.md, Events). HTTP API payload 1.0 is the
 * REST REQUEST shape plus `version: '1.0'` and comma-joined `identitySource` / `authorizationToken` strings; a
 * WebSocket API's `$connect` is the REST REQUEST shape with a `methodArn` ending in `/$connect`.
 */
export type AuthorizerEvent =
  | APIGatewayTokenAuthorizerEvent
  | APIGatewayRequestAuthorizerEvent
  | (APIGatewayRequestAuthorizerEvent & { version: '1.0'; identitySource?: string; authorizationToken?: string })
  | APIGatewayRequestAuthorizerEventV2;

/** Which of API Gateway's event formats a request arrived in; it decides the response's shape. */
export type EventFormat = 'rest-token' | 'rest-request' | 'http-1.0' | 'http-2.0' | 'websocket';

/** What the authorizer needs of any event: its format, where a token may be, the ARN, the client certificate. */
export interface AuthorizerRequest {
  format: EventFormat;
  /** `methodArn` (REST, HTTP API 1.0, WebSocket) or `routeArn` (HTTP API 2.0). */
  arn: string;
  /** REQUEST events: their headers, query string parameters and cookies, for core's `extractToken`. */
  carrier?: TokenRequest;
  /** TOKEN events: `authorizationToken`, the value of the one header their identity source names. */
  authorizationToken?: string | undefined;
  /** The PEM of the mutual TLS client certificate API Gateway verified, when the API's domain requires one. */
  clientCertPem?: string | undefined;
}

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const map = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Fields) : undefined);
/** A single-value map and its multi-value twin as one map: the multi-value entry of a name wins (it holds all). */
const merged = (single: unknown, multi: unknown) => ({ ...map(single), ...map(multi) }) as TokenRequest['headers'];
/** `clientCert.clientCertPem` under `holder` (`requestContext.identity` or `.authentication`), when a string. */
const certificateIn = (holder: unknown) => text(map(map(holder)?.['clientCert'])?.['clientCertPem']);

/**
 * Reads an event of any format, without judging what it holds: TOKEN events give `authorizationToken`; REQUEST
 * events (REST, HTTP API 1.0, WebSocket `$connect`) their headers and query parameters, single- and multi-value
 * maps merged (either may be `null`), cookies coming from the `Cookie` header; HTTP API 2.0 events their
 * lower-cased headers, query parameters (repeats joined with commas) and `cookies` array. The client certificate
 * is `requestContext.identity.clientCert` for REST-shaped events and `requestContext.authentication.clientCert`
 * for HTTP API 2.0 (api-gateway-lambda-authorizer-input.html, http-api-lambda-authorizer.html).
 *
 * @throws {UnsupportedEventError} for anything else, or an event without its ARN.
 * @example
 * ```ts
 * readEvent({ type: 'TOKEN', authorizationToken: 'Bearer eyJ...', methodArn }); // { format: 'rest-token', ... }
 * ```
 */
export function readEvent(event: unknown): AuthorizerRequest {
  const fields = map(event) ?? {};
  const request = read(fields);
  if (!request) {
    throw new UnsupportedEventError(
      `unsupported event: type ${JSON.stringify(String(fields['type']).slice(0, 32))}, version ${JSON.stringify(String(fields['version']).slice(0, 8))}`,
    );
  }
  return request;
}

function read(fields: Fields): AuthorizerRequest | undefined {
  if (fields['type'] === 'TOKEN') {
    const arn = text(fields['methodArn']);
    return arn === undefined
      ? undefined
      : { format: 'rest-token', arn, authorizationToken: text(fields['authorizationToken']) };
  }
  if (fields['type'] !== 'REQUEST') return undefined;
  const context = map(fields['requestContext']);
  if (fields['version'] === '2.0') {
    const arn = text(fields['routeArn']);
    if (arn === undefined) return undefined;
    const cookies = Array.isArray(fields['cookies']) ? (fields['cookies'] as string[]) : undefined;
    const carrier: TokenRequest = {
      headers: merged(fields['headers'], undefined),
      query: merged(fields['queryStringParameters'], undefined),
      ...(cookies && { cookies }),
    };
    return { format: 'http-2.0', arn, carrier, clientCertPem: certificateIn(context?.['authentication']) };
  }
  const arn = text(fields['methodArn']);
  if (arn === undefined || (fields['version'] !== undefined && fields['version'] !== '1.0')) return undefined;
  const carrier: TokenRequest = {
    headers: merged(fields['headers'], fields['multiValueHeaders']),
    query: merged(fields['queryStringParameters'], fields['multiValueQueryStringParameters']),
  };
  const format = fields['version'] === '1.0' ? 'http-1.0' : isConnectArn(arn) ? 'websocket' : 'rest-request';
  const clientCertPem = certificateIn(context?.['identity']) ?? certificateIn(context?.['authentication']);
  return { format, arn, carrier, clientCertPem };
}
