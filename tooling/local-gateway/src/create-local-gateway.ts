import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { GatewayRequest } from './build-event.ts';
import { createGateway, type GatewayOptions } from './create-gateway.ts';
import { describeRoute } from './explain-route.ts';

/** Options of {@link createLocalGateway}: those of the gateway it serves. */
export type LocalGatewayOptions = GatewayOptions;

/**
 * An HTTP server that behaves as API Gateway in front of a Lambda authorizer and an echo backend: each request is
 * decided by {@link createGateway} and answered with its status and body; the `x-local-gateway-authorizer-cache`
 * header says whether the authorizer's result cache answered, and, with route rules, `x-local-gateway-route-rule`
 * names the rule that permits the request (the log line says why none does).
 *
 * @example
 * ```ts
 * createLocalGateway({ authorizerFor: () => handler, format: 'token' }).listen(3000, '127.0.0.1');
 * ```
 */
export function createLocalGateway(options: LocalGatewayOptions): Server {
  const gateway = createGateway(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  return createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    gateway.handle(toGatewayRequest(request)).then(
      (reply) => {
        const rule = reply.route?.decision.rule?.route;
        const why = reply.route && describeRoute(reply.route, `${request.method} ${request.url}`);
        log(
          `local-gateway: ${request.method} ${request.url} -> ${reply.status}${reply.cache ? ` (authorizer cache ${reply.cache})` : ''}${why ? `; ${why.join('; ')}` : ''}`,
        );
        response.writeHead(reply.status, {
          'content-type': 'application/json',
          ...reply.headers,
          ...(reply.cache && { 'x-local-gateway-authorizer-cache': reply.cache }),
          ...(rule && { 'x-local-gateway-route-rule': rule }),
        });
        response.end(JSON.stringify(reply.body));
      },
      (error: unknown) => {
        log(`local-gateway: ${String(error)}`);
        response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":null}');
      },
    );
  });
}

function toGatewayRequest(request: IncomingMessage): GatewayRequest {
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers.push([request.rawHeaders[i] as string, request.rawHeaders[i + 1] as string]);
  }
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${request.httpVersion}`,
  };
}
