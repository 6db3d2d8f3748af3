import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ApiLocation, buildEvent, type GatewayEventFormat, requestArn } from './build-event.ts';
import { createResultCache } from './create-result-cache.ts';
import { evaluatePolicy } from './evaluate-policy.ts';
import { validateResponse } from './validate-response.ts';

/** A Lambda authorizer handler, as imported from `dist/index.mjs`. */
export type AuthorizerHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** Options of {@link createLocalGateway}. */
export interface LocalGatewayOptions {
  /** The authorizer for a request path; the demo attaches a contract-breaking one to `/broken/...`. */
  authorizerFor: (path: string) => AuthorizerHandler;
  /** Event format sent to the authorizer. Default `token`. */
  format?: GatewayEventFormat;
  /** For `http`: whether the authorizer answers with simple responses or IAM policies. Default `simple`. */
  httpApiResponse?: 'simple' | 'policy';
  /** Authorizer result TTL in seconds, per identity source; 0 disables the cache. Default 300, as API Gateway. */
  cacheTtlSeconds?: number;
  /** Where the emulated API lives. */
  location?: Partial<ApiLocation>;
  /** Where gateway decisions are written (one line each). Default: stderr. */
  log?: (line: string) => void;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

// The bodies of API Gateway's default gateway responses (gateway-response-types; REST and HTTP APIs differ).
const REST = {
  unauthorized: { status: 401, body: { message: 'Unauthorized' } },
  explicitDeny: {
    status: 403,
    body: { Message: 'User is not authorized to access this resource with an explicit deny' },
  },
  implicitDeny: { status: 403, body: { Message: 'User is not authorized to access this resource' } },
  error: { status: 500, body: { message: null }, headers: { 'x-amzn-ErrorType': 'AuthorizerConfigurationException' } },
} satisfies Record<string, Reply>;
const HTTP = {
  unauthorized: { status: 401, body: { message: 'Unauthorized' } },
  explicitDeny: { status: 403, body: { message: 'Forbidden' } },
  implicitDeny: { status: 403, body: { message: 'Forbidden' } },
  error: { status: 500, body: { message: 'Internal Server Error' } },
} satisfies Record<string, Reply>;

/**
 * An HTTP server that behaves as API Gateway in front of a Lambda authorizer and an echo backend: reads the
 * `Authorization` identity source (missing: 401 without invoking), invokes the authorizer with the event of the
 * chosen format, validates its response against the contract (500 when broken), evaluates the policy against
 * the request's ARN (explicit Deny wins), caches results per identity source for the TTL, reused across routes,
 * and passes principal and context to a backend that echoes them.
 *
 * @example
 * ```ts
 * createLocalGateway({ authorizerFor: () => handler, format: 'token' }).listen(3000, '127.0.0.1');
 * ```
 */
export function createLocalGateway(options: LocalGatewayOptions): Server {
  const format = options.format ?? 'token';
  const expected = format === 'http' ? (options.httpApiResponse ?? 'simple') : 'policy';
  const replies = format === 'http' ? HTTP : REST;
  const location: ApiLocation = {
    region: 'us-east-1',
    accountId: '123456789012',
    apiId: 'localapi01',
    stage: format === 'http' ? '$default' : 'prod',
    ...options.location,
  };
  const cache = createResultCache<unknown>(options.cacheTtlSeconds ?? 300);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // API Gateway caches per authorizer: each gets a number of its own in the cache key.
  const authorizerIds = new Map<AuthorizerHandler, number>();
  const idOf = (authorizer: AuthorizerHandler) =>
    authorizerIds.get(authorizer) ?? authorizerIds.set(authorizer, authorizerIds.size).get(authorizer);

  async function handle(request: IncomingMessage): Promise<Reply & { cache?: string }> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const identity = request.headers.authorization;
    if (!identity?.trim()) return replies.unauthorized;
    const authorizer = options.authorizerFor(url.pathname);
    const cacheKey = `${idOf(authorizer)}\n${identity}`;
    let response = cache.get(cacheKey);
    const hit = response !== undefined;
    if (!hit) {
      try {
        response = await authorizer(buildEvent(format, request, location, identity), lambdaContext());
      } catch (error) {
        return (error as Error)?.message === 'Unauthorized' ? replies.unauthorized : replies.error;
      }
    }
    const validated = validateResponse(response, expected);
    if (validated.kind === 'invalid') {
      log(`local-gateway: authorizer response breaks the contract: ${validated.problem}`);
      return replies.error;
    }
    if (!hit) cache.set(cacheKey, response);
    const cacheState = hit ? 'hit' : 'miss';
    const arn = requestArn(location, method, url.pathname);
    if (validated.kind === 'simple') {
      if (!validated.isAuthorized) return { ...replies.implicitDeny, cache: cacheState };
      return { status: 200, body: echo(request, url, null, validated.context), cache: cacheState };
    }
    const verdict = evaluatePolicy(validated.statements, arn);
    if (verdict === 'explicit-deny') return { ...replies.explicitDeny, cache: cacheState };
    if (verdict === 'implicit-deny') return { ...replies.implicitDeny, cache: cacheState };
    return { status: 200, body: echo(request, url, validated.principalId, validated.context), cache: cacheState };
  }

  return createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    handle(request).then(
      (reply) => {
        log(
          `local-gateway: ${request.method} ${request.url} -> ${reply.status}${reply.cache ? ` (authorizer cache ${reply.cache})` : ''}`,
        );
        response.writeHead(reply.status, {
          'content-type': 'application/json',
          ...reply.headers,
          ...(reply.cache && { 'x-local-gateway-authorizer-cache': reply.cache }),
        });
        response.end(JSON.stringify(reply.body));
      },
      (error: unknown) => {
        log(`local-gateway: ${String(error)}`);
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(replies.error.body));
      },
    );
  });
}

/** What the sample backend answers: the request and what the authorizer passed on. */
function echo(request: IncomingMessage, url: URL, principalId: string | null, context: Record<string, unknown>) {
  return { message: 'hello from the sample backend', method: request.method, path: url.pathname, principalId, context };
}

/** A Lambda context with the little Middy reads from it. */
function lambdaContext() {
  const deadline = Date.now() + 10_000;
  return {
    functionName: 'local-authorizer',
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
