#!/usr/bin/env node
// `explain`: why does API Gateway say Unauthorized? Sends one request through the local gateway (the same event,
// contract checks and IAM evaluation as `local-gateway`), in front of the built Lambda (apps/authorizer/dist) with
// the deployment's environment variables, and prints the verdict, the reason in words, the decoded header and
// claims, the exact response the Lambda returns and its log lines. Exit status 0 for Allow, 1 otherwise.
// It runs the very artefact that is deployed, so its verdict cannot drift from the Lambda's. With ROUTE_RULES or
// ROUTE_SCOPES, it also says which rule permits the route, or why each rule naming it does not, and which routes
// the token may call: core's own decideRoute and evaluateRoutes, on the claims of a token the Lambda verified.
import { readFileSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { identitySourcePlan } from '@jwt-authorizer/config';
import { DEFAULT_TOKEN_SOURCES, extractToken, REASONS, type ReasonCode } from '@jwt-authorizer/core';
import { SEED_ENV } from '@jwt-authorizer/test-fixtures';
import type { GatewayEventFormat, GatewayRequest } from './build-event.ts';
import { type AuthorizerHandler, createGateway, type GatewayReply } from './create-gateway.ts';
import { describeRoute, permittedRoutes } from './explain-route.ts';
import { BUILT_AUTHORIZER, configured } from './start-gateway.ts';

const USAGE = `usage: explain [--seed] [--event token|request|http|websocket] [--route "GET /pets/42"]
               [--header "Name: value"]... [--query name=value]... [--cookie name=value]... [--client-cert file.pem]
               [<token | "Bearer <token>" | ->]
  The token goes where TOKEN_SOURCES reads first (by default "Authorization: Bearer <token>"); "-" reads it from
  stdin (keeps it out of shell history). --header, --query and --cookie add what a request carries, a token among
  it, repeatable; --client-cert the mutual TLS client certificate (PEM) API Gateway would pass on.
  Configuration: the Lambda's environment variables (JWT_PUBLIC_KEY, JWT_ISSUER, TOKEN_SOURCES, ROUTE_RULES, ...);
  --seed fills in the demo's: the seed tutorial's key, PRINCIPAL_CLAIM=user_id, JWT_REQUIRED_CLAIMS=user_id.`;
const FORMATS: readonly GatewayEventFormat[] = ['token', 'request', 'http', 'websocket'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'boolean', default: false },
    event: { type: 'string', default: 'token' },
    route: { type: 'string', default: 'GET /' },
    header: { type: 'string', multiple: true, default: [] },
    query: { type: 'string', multiple: true, default: [] },
    cookie: { type: 'string', multiple: true, default: [] },
    'client-cert': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const carried = values.header.length + values.query.length + values.cookie.length;
if (values.help || positionals.length > 1 || (positionals.length === 0 && carried === 0)) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const format = values.event as GatewayEventFormat;
if (!FORMATS.includes(format)) {
  console.error(`--event: one of ${FORMATS.join(', ')}`);
  process.exit(2);
}
const route = /^([A-Z]+) (\/\S*)$/.exec(values.route);
if (!route) {
  console.error(`--route: expected "METHOD /path", got ${JSON.stringify(values.route)}`);
  process.exit(2);
}
const [, method = 'GET', path = '/'] = route;
if (values.seed) for (const [name, value] of Object.entries(SEED_ENV)) process.env[name] ??= value;
const request = await requestOf(positionals[0]);
const config = configured();
const tokenSources = config?.request.tokenSources ?? DEFAULT_TOKEN_SOURCES;
// The identity sources the CDK construct would give this authorizer type; a contradiction is the deployer's.
const plan = (() => {
  try {
    return config && identitySourcePlan(config.request, format === 'token' ? 'token' : 'request');
  } catch (error) {
    return fail(`explain: --event ${format} cannot be deployed with this configuration: ${(error as Error).message}`);
  }
})();
// The token as the Lambda reads it, to decode below; nothing is decided by it.
const credential = (() => {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of request.headers) headers[name] = [...(headers[name] ?? []), value];
  const url = new URL(request.url, 'http://localhost');
  const query = Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key)]));
  try {
    return extractToken({ headers, query }, { sources: tokenSources }).token;
  } catch {
    return '';
  }
})();

// The Lambda writes its log lines to stdout; keep them to explain the decision, print them at the end.
const logs: string[] = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown) => logs.push(String(chunk).trim()) > 0) as typeof process.stdout.write;
const out = (line = '') => write(`${line}\n`);
const parse = (line: string) => {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};
const decisionLine = () => logs.map(parse).find((line) => line?.['outcome']);

let reply: GatewayReply | undefined;
let initError: Error | undefined;
try {
  const { handler } = (await import(new URL(`file://${BUILT_AUTHORIZER}`).href)) as { handler: AuthorizerHandler };
  const gateway = createGateway({
    authorizerFor: () => handler,
    format,
    httpApiResponse: process.env['HTTP_API_RESPONSE'] === 'policy' ? 'policy' : 'simple',
    cacheTtlSeconds: 0,
    location: { apiId: 'abcdef1234' },
    log: () => {},
    ...(plan && { identitySources: plan.identitySources }),
    routeRules: config?.response.routeRules,
    tokenSources,
  });
  reply = await gateway.handle(request);
} catch (error) {
  initError = error as Error;
}

const VERDICTS: Record<number, string> = { 200: 'Allow', 401: 'Unauthorized', 403: 'Deny' };
const verdict = reply ? (VERDICTS[reply.status] ?? 'Error') : 'Error';
const status = { Allow: '200, the request goes on', Deny: '403', Unauthorized: '401', Error: '500' }[verdict];
out(`verdict:  ${verdict} (API Gateway: ${status})`);
out(`reason:   ${reasonOf(reply)}`);
if (reply?.route) {
  out(`rules:    ${describeRoute(reply.route, `${method} ${path}`).join('\n          ')}`);
  const routes = permittedRoutes(reply.route);
  const none = reply.authorizer?.verdict ? 'none: a Deny policy' : 'none';
  out(`routes:   ${routes.length > 0 ? `the token may call ${routes.join(', ')}` : none}`);
}
out(`event:    ${format.toUpperCase()} ${format === 'websocket' ? '$connect' : `${method} ${path}`}`);
out(`request:  ${describeRequest(request)}`);
out(`header:   ${decoded(0)}   (decoded, not trusted: keys named by the token are never fetched)`);
out(`claims:   ${decoded(1)}`);
out(`response: ${responseOf(reply).replaceAll('\n', '\n          ')}`);
for (const line of logs) out(`log:      ${line}`);
process.exit(verdict === 'Allow' ? 0 : 1);

function reasonOf(answer: GatewayReply | undefined): string {
  if (!answer) return `the Lambda's init fails: ${initError?.message}`;
  const { authorizer } = answer;
  if (!authorizer) {
    const needed = (plan?.identitySources ?? [{ in: 'header', name: 'Authorization' }])
      .map((source) => (source.in === 'header' ? `the ${source.name} header` : `the query parameter ${source.name}`))
      .join(' and ');
    return `an identity source is missing or empty: API Gateway answers 401 without invoking the Lambda (it needs ${needed})`;
  }
  if (authorizer.problem) return `the Lambda's response breaks API Gateway's contract: ${authorizer.problem}`;
  const decision = decisionLine();
  if (answer.status === 200) {
    return `the signature verifies with the configured key and every check passed; principal ${JSON.stringify(decision?.['principal'])}`;
  }
  if (answer.status === 403) {
    const rules = process.env['ROUTE_RULES']?.trim() ? 'ROUTE_RULES' : 'ROUTE_SCOPES';
    // A simple response is false on a route the rules refuse, whatever other routes they permit: ask the rules.
    const others = answer.route ? answer.route.permitted.length > 0 : decision?.['outcome'] === 'allow';
    return others
      ? `the token is valid, but the policy allows other routes than ${method} ${path} (${rules}): API Gateway answers 403`
      : `the token is valid, but no rule of ${rules} permits it any route: API Gateway answers 403`;
  }
  const error = authorizer?.error as (Error & { code?: string }) | undefined;
  const code = String(decision?.['reason'] ?? error?.code ?? error?.name);
  const detail = decision?.['detail'] ? ` (${decision['detail']})` : '';
  return `${code}: ${REASONS[code as ReasonCode] ?? 'see the detail'}${detail}`;
}

function responseOf(answer: GatewayReply | undefined): string {
  if (!answer) return 'none: the init fails, every request answers 500';
  const { authorizer } = answer;
  if (!authorizer) return 'none: the Lambda was not invoked';
  if (authorizer.error) return `the Lambda throws Error(${JSON.stringify((authorizer.error as Error).message)})`;
  return JSON.stringify(authorizer?.response, null, 2);
}

/**
 * The request `explain` sends: the positional token where the first of `TOKEN_SOURCES` reads it (the
 * Authorization header as `Bearer <token>`, another header, a query parameter or a cookie as the bare token), and
 * whatever --header, --query, --cookie and --client-cert add.
 */
async function requestOf(positional: string | undefined): Promise<GatewayRequest> {
  const headers: Array<[string, string]> = [];
  const query = new URLSearchParams();
  const cookies: string[] = [...values.cookie];
  for (const header of values.header) {
    const colon = header.indexOf(':');
    if (colon < 1) fail(`--header: expected "Name: value", got ${JSON.stringify(header)}`);
    headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
  }
  for (const parameter of values.query) {
    const equals = parameter.indexOf('=');
    if (equals < 1) fail(`--query: expected name=value, got ${JSON.stringify(parameter)}`);
    query.append(parameter.slice(0, equals), parameter.slice(equals + 1));
  }
  if (positional !== undefined) {
    const input = positional === '-' ? (await text(process.stdin)).trim() : positional;
    const bare = input.replace(/^bearer\s+/i, '');
    const sources = configured()?.request.tokenSources ?? DEFAULT_TOKEN_SOURCES;
    // A TOKEN event carries a header only: the first header source.
    const first = (format === 'token' ? sources.filter((source) => source.kind === 'header') : sources)[0];
    if (first?.kind === 'query') query.append(first.name, bare);
    else if (first?.kind === 'cookie') cookies.push(`${first.name}=${bare}`);
    else if (first?.name.toLowerCase() === 'authorization' || !first) headers.push(['Authorization', `Bearer ${bare}`]);
    else headers.push([first.name, bare]);
  }
  if (cookies.length > 0) headers.push(['Cookie', cookies.join('; ')]);
  const search = query.toString();
  const clientCertPem = values['client-cert'] && readFileSync(values['client-cert'], 'utf8');
  return { method, url: `${path}${search && `?${search}`}`, headers, ...(clientCertPem && { clientCertPem }) };
}

/** The request in one line, tokens shortened: what was sent where. */
function describeRequest(sent: GatewayRequest): string {
  const short = (value: string) =>
    value.replace(/[A-Za-z0-9_-]{12,}(\.[A-Za-z0-9_-]*){2}/g, (jwt) => `${jwt.slice(0, 10)}…`);
  const parts = [short(sent.url), ...sent.headers.map(([name, value]) => `${name}: ${short(value)}`)];
  if (sent.clientCertPem) parts.push('client certificate');
  return parts.join(' | ');
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** A part of the token, base64url-decoded and shown as JSON; times as dates. Nothing is verified or fetched. */
function decoded(index: number): string {
  const part = credential.split('.')[index];
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const times = ['exp', 'nbf', 'iat'].filter((name) => typeof value?.[name] === 'number');
    const dates = times.map((name) => `${name}=${new Date((value[name] as number) * 1000).toISOString()}`).join(', ');
    return `${JSON.stringify(value)}${dates ? `  (${dates})` : ''}`;
  } catch {
    return '(not decodable)';
  }
}
