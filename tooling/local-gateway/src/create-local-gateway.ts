import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { GatewayRequest } from './build-event.ts';
import { createGateway, type GatewayOptions, type GatewayReply } from './create-gateway.ts';
import { describeRoute } from './explain-route.ts';

/** Options of {@link createLocalGateway}: those of the gateway it serves. */
export type LocalGatewayOptions = GatewayOptions;

/**
 * An HTTP server that behaves as API Gateway in front of a Lambda authorizer and an echo backend: each request is
 * decided by {@link createGateway} and answered with its status and body; the `x-local-gateway-authorizer-cache`
 * header says whether the authorizer's result cache answered, and, with route rules, `x-local-gateway-route-rule`
 * names the rule that permits the request (the log line says why none does).
 *
 * With `format: 'websocket'` it is a WebSocket API instead: every WebSocket handshake is the `$connect` route,
 * decided by the authorizer; an allowed one is completed (by `ws`), and the backend sends the principal and
 * context as its first message and echoes every message after; a refused one is answered with the status API
 * Gateway gives (401, 403, 500) and closed. A plain HTTP request is answered 426 Upgrade Required.
 *
 * @example
 * ```ts
 * createLocalGateway({ authorizerFor: () => handler, format: 'token' }).listen(3000, '127.0.0.1');
 * ```
 */
export function createLocalGateway(options: LocalGatewayOptions): Server {
  const gateway = createGateway(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const logReply = (request: IncomingMessage, reply: GatewayReply) => {
    const why = reply.route && describeRoute(reply.route, `${request.method} ${request.url}`);
    log(
      `local-gateway: ${request.method} ${request.url} -> ${reply.status}${reply.cache ? ` (authorizer cache ${reply.cache})` : ''}${why ? `; ${why.join('; ')}` : ''}`,
    );
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    if (options.format === 'websocket') {
      response.writeHead(426, { 'content-type': 'application/json', upgrade: 'websocket' });
      response.end('{"message":"this is a WebSocket API: connect with a WebSocket client"}');
      return;
    }
    gateway.handle(toGatewayRequest(request)).then(
      (reply) => {
        const rule = reply.route?.decision.rule?.route;
        logReply(request, reply);
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
  if (options.format !== 'websocket') return server;

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    gateway.handle(toGatewayRequest(request)).then(
      (reply) => {
        logReply(request, reply);
        if (reply.status !== 200) return refuseHandshake(socket, reply.status, reply.body);
        sockets.handleUpgrade(request, socket, head, (client) => {
          client.send(JSON.stringify(reply.body));
          client.on('message', (data) => client.send(JSON.stringify({ echo: String(data) })));
        });
      },
      (error: unknown) => {
        log(`local-gateway: ${String(error)}`);
        refuseHandshake(socket, 500, { message: 'Internal server error' });
      },
    );
  });
  // Upgraded connections keep server.close() waiting until they end: end them first.
  const close = server.close.bind(server);
  server.close = (callback?: (error?: Error) => void) => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
    return close(callback);
  };
  return server;
}

/** Answers a WebSocket handshake with an HTTP error status, as API Gateway refuses a `$connect`, and closes it. */
function refuseHandshake(socket: Duplex, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
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
