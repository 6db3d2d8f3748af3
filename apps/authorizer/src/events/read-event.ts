import { UnsupportedEventError } from '@jwt-authorizer/core';
import type {
  APIGatewayRequestAuthorizerEvent,
  APIGatewayRequestAuthorizerEventV2,
  APIGatewayTokenAuthorizerEvent,
} from 'aws-lambda';
import { findHeader } from './find-header.js';

/**
 * Every event API Gateway sends a Lambda authorizer (docs/configuration.md, Events). HTTP API payload 1.0 is the REST REQUEST shape plus
 * `version: '1.0'` and comma-joined `identitySource` / `authorizationToken` strings.
 */
export type AuthorizerEvent =
  | APIGatewayTokenAuthorizerEvent
  | APIGatewayRequestAuthorizerEvent
  | (APIGatewayRequestAuthorizerEvent & { version: '1.0'; identitySource?: string; authorizationToken?: string })
  | APIGatewayRequestAuthorizerEventV2;

/** Which of API Gateway's event formats a request arrived in; it decides the response's shape. */
export type EventFormat = 'rest-token' | 'rest-request' | 'http-1.0' | 'http-2.0';

/** What the authorizer needs of any event: its format, the credential, and the ARN of the route called. */
export interface AuthorizerRequest {
  format: EventFormat;
  /** The `Authorization` value (`Bearer <jwt>`), when there is one. */
  credential: string | undefined;
  /** `methodArn` (REST, HTTP API 1.0) or `routeArn` (HTTP API 2.0). */
  arn: string;
}

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const map = <T>(value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, T>) : null);

/**
 * Reads an event of any format. The credential comes from `authorizationToken` (TOKEN), the `Authorization`
 * header looked up case-insensitively (REQUEST, HTTP API 1.0: their `identitySource` joins every identity source
 * with commas, so it cannot be split safely), or `identitySource[0]` then `headers.authorization` (HTTP API 2.0).
 *
 * @throws {UnsupportedEventError} for anything else, or an event without its ARN.
 * @example
 * ```ts
 * readEvent({ type: 'TOKEN', authorizationToken: 'Bearer eyJ...', methodArn }); // { format: 'rest-token', ... }
 * ```
 */
export function readEvent(event: unknown): AuthorizerRequest {
  const fields = (map<unknown>(event) ?? {}) as Fields;
  const request = read(fields);
  if (!request) {
    throw new UnsupportedEventError(
      `unsupported event: type ${JSON.stringify(String(fields['type']).slice(0, 32))}, version ${JSON.stringify(String(fields['version']).slice(0, 8))}`,
    );
  }
  return request;
}

function read(fields: Fields): AuthorizerRequest | undefined {
  const headers = map<string | undefined>(fields['headers']);
  if (fields['type'] === 'TOKEN') {
    const arn = text(fields['methodArn']);
    return arn === undefined
      ? undefined
      : { format: 'rest-token', credential: text(fields['authorizationToken']), arn };
  }
  if (fields['type'] !== 'REQUEST') return undefined;
  if (fields['version'] === '2.0') {
    const arn = text(fields['routeArn']);
    const sources = Array.isArray(fields['identitySource']) ? fields['identitySource'] : [];
    const credential = text(sources[0]) || findHeader(headers, 'authorization');
    return arn === undefined ? undefined : { format: 'http-2.0', credential, arn };
  }
  const arn = text(fields['methodArn']);
  if (arn === undefined || (fields['version'] !== undefined && fields['version'] !== '1.0')) return undefined;
  const credential = findHeader(headers, 'authorization', map<string[] | undefined>(fields['multiValueHeaders']));
  return { format: fields['version'] === '1.0' ? 'http-1.0' : 'rest-request', credential, arn };
}
