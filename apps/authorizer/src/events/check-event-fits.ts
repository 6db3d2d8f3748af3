import type { Config } from '@jwt-authorizer/config';
import { UnsupportedEventError } from '@jwt-authorizer/core';
import type { EventFormat } from './read-event.js';

/**
 * Refuses an event whose format cannot carry what the configuration needs, as an error (API Gateway: 500) rather
 * than a refusal (401): no token of any caller could pass, so the deployment is at fault, and its logs must say so.
 * - A TOKEN event carries one header's value and nothing else: no query parameter, no cookie, no certificate.
 * - A WebSocket `$connect` has no HTTP method and path for `ROUTE_RULES` / `ROUTE_SCOPES` to decide on, and
 *   WebSocket APIs offer no mutual TLS (custom domain names of REST and HTTP APIs do).
 *
 * @throws {UnsupportedEventError} `incompatible_event`, saying what to change.
 * @example
 * ```ts
 * checkEventFits(readEvent(event).format, config);
 * ```
 */
export function checkEventFits(format: EventFormat, config: Pick<Config, 'request' | 'response'>): void {
  const { tokenSources, clientCertBinding } = config.request;
  const problem = (message: string) => new UnsupportedEventError(message, 'incompatible_event');
  if (format === 'rest-token') {
    if (!tokenSources.some((source) => source.kind === 'header')) {
      throw problem('a TOKEN event carries one header, and TOKEN_SOURCES names none: use a REQUEST authorizer');
    }
    if (clientCertBinding === 'required') {
      throw problem(
        'a TOKEN event carries no client certificate: CLIENT_CERT_BINDING=required needs a REQUEST authorizer',
      );
    }
  }
  if (format === 'websocket') {
    if (config.response.routeRules) {
      throw problem(
        'a WebSocket $connect has no HTTP route for ROUTE_RULES / ROUTE_SCOPES: give the WebSocket API an authorizer without them',
      );
    }
    if (clientCertBinding === 'required') {
      throw problem('WebSocket APIs have no mutual TLS: CLIENT_CERT_BINDING=required cannot be met on $connect');
    }
  }
}
