import type { IdentitySource } from '@jwt-authorizer/config';
import { extractToken, type RouteRule, type TokenSource } from '@jwt-authorizer/core';
import {
  type ApiLocation,
  buildEvent,
  type GatewayEventFormat,
  type GatewayRequest,
  headerValue,
  requestArn,
} from './build-event.ts';
import { createResultCache } from './create-result-cache.ts';
import { evaluatePolicy, type PolicyVerdict } from './evaluate-policy.ts';
import { explainRoute, type RouteExplanation } from './explain-route.ts';
import { validateResponse } from './validate-response.ts';

/** A Lambda authorizer handler, as imported from `dist/index.mjs`. */
export type AuthorizerHandler = (event: unknown, context: unknown) => Promise<unknown>;

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  /** The authorizer for a request path; the demo attaches a contract-breaking one to `/broken/...`. */
  authorizerFor: (path: string) => AuthorizerHandler;
  /** Event format sent to the authorizer. Default `token`. */
  format?: GatewayEventFormat;
  /** For `http`: whether the authorizer answers with simple responses or IAM policies. Default `simple`. */
  httpApiResponse?: 'simple' | 'policy';
  /** Authorizer result TTL in seconds, per identity source; 0 disables the cache. Default 300, as API Gateway. */
  cacheTtlSeconds?: number;
  /**
   * The authorizer's identity sources (see `identitySourcePlan` of @jwt-authorizer/config): a request lacking one
   * is answered 401 without invoking it, and results are cached by their values. None: every request invokes it,
   * and nothing is cached. Default: the `Authorization` header.
   */
  identitySources?: readonly IdentitySource[];
  /** Where the emulated API lives. */
  location?: Partial<ApiLocation>;
  /** Where gateway problems are written (one line each). Default: stderr. */
  log?: (line: string) => void;
  /**
   * The route rules the authorizer was configured with (`ROUTE_RULES` / `ROUTE_SCOPES`, parsed). Given, each
   * request the authorizer accepted is explained with them (which rule permits it, or why none does), on cache
   * hits too; they never change an answer, which comes from the authorizer's response alone.
   */
  routeRules?: readonly RouteRule[] | undefined;
  /** Where the authorizer reads its token (`TOKEN_SOURCES`), to explain route rules with. Default: Authorization. */
  tokenSources?: readonly TokenSource[] | undefined;
}

/** What the gateway answered, and why: what the authorizer did and how its policy was evaluated. */
export interface GatewayReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** `hit` or `miss` when the authorizer's result cache was consulted. */
  cache?: 'hit' | 'miss';
  /** The authorizer's side: absent when it was not invoked (no identity source). */
  authorizer?: {
    /** The event it was invoked with (absent on a cache hit). */
    event?: unknown;
    response?: unknown;
    error?: unknown;
    /** Why the response breaks API Gateway's contract, when it does. */
    problem?: string;
    /** The policy's evaluation for this request's ARN, for policy responses. */
    verdict?: PolicyVerdict;
  };
  /** With `routeRules`: what they say about this request, for a token the authorizer accepted. */
  route?: RouteExplanation;
}

/** Decides requests as API Gateway does in front of a Lambda authorizer; see {@link createGateway}. */
export interface Gateway {
  readonly location: ApiLocation;
  handle(request: GatewayRequest): Promise<GatewayReply>;
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
// A WebSocket API answers a refused $connect handshake with the status alone, as an HTTP response to the upgrade.
const WEBSOCKET = {
  unauthorized: { status: 401, body: { message: 'Unauthorized' } },
  explicitDeny: { status: 403, body: { message: 'Forbidden' } },
  implicitDeny: { status: 403, body: { message: 'Forbidden' } },
  error: { status: 500, body: { message: 'Internal server error' } },
} satisfies Record<string, Reply>;
const AUTHORIZATION_HEADER: readonly IdentitySource[] = [{ in: 'header', name: 'Authorization' }];

/**
 * API Gateway in front of a Lambda authorizer and an echo backend, as a function of one request: reads the
 * identity sources (any missing or empty: 401 without invoking; the default is the `Authorization` header),
 * invokes the authorizer with the event of the chosen format, validates its response against the contract (500
 * when broken), evaluates the policy against the request's ARN (explicit Deny wins; for a WebSocket API the
 * `$connect` ARN), caches results by the identity sources' values for the TTL, reused across routes, and passes
 * principal and context to a backend that echoes them. The local gateway serves it over HTTP and WebSocket;
 * `explain` asks it about one request.
 *
 * @example
 * ```ts
 * const gateway = createGateway({ authorizerFor: () => handler, format: 'token' });
 * const { status } = await gateway.handle({ method: 'GET', url: '/pets', headers: [['Authorization', 'Bearer eyJ...']] });
 * ```
 */
export function createGateway(options: GatewayOptions): Gateway {
  const format = options.format ?? 'token';
  const expected = format === 'http' ? (options.httpApiResponse ?? 'simple') : 'policy';
  const replies = format === 'http' ? HTTP : format === 'websocket' ? WEBSOCKET : REST;
  const identitySources = options.identitySources ?? AUTHORIZATION_HEADER;
  const location: ApiLocation = {
    region: 'us-east-1',
    accountId: '123456789012',
    apiId: 'localapi01',
    stage: format === 'http' ? '$default' : 'prod',
    ...options.location,
  };
  // Without identity sources API Gateway has no cache key: every request invokes the authorizer.
  const cache = createResultCache<unknown>(identitySources.length === 0 ? 0 : (options.cacheTtlSeconds ?? 300));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // API Gateway caches per authorizer: each gets a number of its own in the cache key.
  const authorizerIds = new Map<AuthorizerHandler, number>();
  const idOf = (authorizer: AuthorizerHandler) =>
    authorizerIds.get(authorizer) ?? authorizerIds.set(authorizer, authorizerIds.size).get(authorizer);

  async function handle(request: GatewayRequest): Promise<GatewayReply> {
    const url = new URL(request.url, 'http://localhost');
    const identity = identitySources.map((source) =>
      source.in === 'header' ? headerValue(request, source.name.toLowerCase()) : url.searchParams.get(source.name),
    );
    // "present, not null and non-empty", or API Gateway answers 401 without invoking the authorizer.
    if (identity.some((value) => !value?.trim())) return replies.unauthorized;
    const values = identity as string[];
    const authorizer = options.authorizerFor(url.pathname);
    const cacheKey = [idOf(authorizer), ...values].join('\n');
    let response = cache.get(cacheKey);
    const hit = response !== undefined;
    let event: unknown;
    if (!hit) {
      event = buildEvent(format, request, location, values);
      try {
        response = await authorizer(event, lambdaContext());
      } catch (error) {
        const reply = (error as Error)?.message === 'Unauthorized' ? replies.unauthorized : replies.error;
        return { ...reply, authorizer: { event, error } };
      }
    }
    const validated = validateResponse(response, expected);
    if (validated.kind === 'invalid') {
      log(`local-gateway: authorizer response breaks the contract: ${validated.problem}`);
      return { ...replies.error, authorizer: { event, response, problem: validated.problem } };
    }
    if (!hit) cache.set(cacheKey, response);
    const cacheState = hit ? 'hit' : 'miss';
    const echo = (principalId: string | null) => ({
      message: 'hello from the sample backend',
      method: request.method,
      path: url.pathname,
      principalId,
      context: validated.context,
    });
    const route = format === 'websocket' ? undefined : explain(credentialOf(request), request.method, url.pathname);
    if (validated.kind === 'simple') {
      const reply = validated.isAuthorized ? { status: 200, body: echo(null) } : replies.implicitDeny;
      referee(route, validated.isAuthorized, request.method, url.pathname);
      return { ...reply, cache: cacheState, authorizer: { event, response }, ...(route && { route }) };
    }
    const verdict = evaluatePolicy(validated.statements, requestArn(location, request.method, url.pathname, format));
    const reply =
      verdict === 'allow'
        ? { status: 200, body: echo(validated.principalId) }
        : verdict === 'explicit-deny'
          ? replies.explicitDeny
          : replies.implicitDeny;
    referee(route, verdict === 'allow', request.method, url.pathname);
    return { ...reply, cache: cacheState, authorizer: { event, response, verdict }, ...(route && { route }) };
  }

  function explain(credential: string, method: string, path: string): RouteExplanation | undefined {
    return options.routeRules && explainRoute(options.routeRules, credential, method, path);
  }

  // The token the authorizer accepted, to explain the route rules with, read as it reads it (core's extractToken).
  function credentialOf(request: GatewayRequest): string {
    const url = new URL(request.url, 'http://localhost');
    const headers: Record<string, string[]> = {};
    for (const [name, value] of request.headers) headers[name] = [...(headers[name] ?? []), value];
    const query = Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key)]));
    try {
      const sources = options.tokenSources && { sources: options.tokenSources };
      return extractToken({ headers, query }, sources).token;
    } catch {
      return '';
    }
  }

  // The rules' decision and the gateway's evaluation of the policy must agree (a property test proves it of core);
  // a disagreement here is a bug worth shouting about, never a different answer.
  function referee(route: RouteExplanation | undefined, allowed: boolean, method: string, path: string): void {
    if (route && route.decision.permitted !== allowed) {
      log(
        `local-gateway: the route rules ${route.decision.permitted ? 'permit' : 'refuse'} ${method} ${path}, the response ${allowed ? 'allows' : 'denies'} it`,
      );
    }
  }

  return { location, handle };
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
