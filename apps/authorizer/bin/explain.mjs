#!/usr/bin/env node
// `explain`: why does API Gateway say Unauthorized? Runs the built Lambda (dist/index.mjs) with the same environment
// variables as the deployment, on one token, and prints the verdict, the reason in words, the decoded header and
// claims, and the exact response the Lambda returns. Exit status 0 for Allow, 1 otherwise.
// It lives in the app and runs the very artefact that is deployed, so its verdict cannot drift from the Lambda's.
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';

const USAGE = `usage: explain [--seed] [--event token|request|http] [--route "GET /pets/42"] <token | "Bearer <token>" | ->
  The token is read from stdin with "-" (keeps it out of shell history).
  Configuration: the Lambda's environment variables (JWT_PUBLIC_KEY, JWT_ISSUER, ROUTE_SCOPES, ...);
  --seed fills in the demo's: the seed tutorial's key, PRINCIPAL_CLAIM=user_id, JWT_REQUIRED_CLAIMS=user_id.`;

/** Every reason code of packages/core/src/errors.ts, in words. */
const REASONS = {
  missing_token: 'there is no credential: the Authorization header is missing or empty',
  not_bearer: 'the credential is not of the form "Bearer <token>"',
  token_too_large: 'the credential is over the size cap, so it was refused before being read',
  malformed_token: 'the token is not a compact JWS (three base64url parts with a JSON header and payload)',
  unsigned_token: 'the token is unsigned ("alg": "none"), which is never accepted',
  alg_not_allowed: "the token's alg is not one of JWT_ALGORITHMS",
  embedded_key: 'the token carries its own key (jwk, jku, x5u or x5c); keys come only from the configuration',
  unsupported_crit: 'the token uses "crit" or "b64"; no JWS extension is supported',
  unknown_key: "no configured key matches the token's kid and alg",
  bad_signature:
    'the signature does not verify with the configured key: the token was signed by another key, or altered',
  expired: 'the token has expired (exp is in the past, beyond the clock tolerance)',
  not_yet_valid: 'the token is not valid yet (nbf is in the future)',
  issued_in_future: 'the token says it was issued in the future (iat)',
  missing_claim: 'a claim of JWT_REQUIRED_CLAIMS is missing',
  invalid_claim: 'a registered claim has the wrong type',
  wrong_issuer: "the token's iss is not one of JWT_ISSUER",
  wrong_audience: "the token's aud holds none of JWT_AUDIENCE",
  invalid_principal: 'the PRINCIPAL_CLAIM is missing, empty, not a string, or too long',
  key_source_unavailable: 'the key source could not be reached and no trusted key is cached',
  invalid_key_material: 'the key source answered with something that is not a usable public key',
  invalid_method_arn: 'the method ARN is not an execute-api ARN',
  unsupported_event: 'the event is not one API Gateway sends',
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'boolean', default: false },
    event: { type: 'string', default: 'token' },
    route: { type: 'string', default: 'GET /' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help || positionals.length !== 1) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const input = positionals[0] === '-' ? (await text(process.stdin)).trim() : (positionals[0] ?? '');
const credential = /^bearer\s/i.test(input) ? input : `Bearer ${input}`;
const route = /^([A-Z]+) (\/\S*)$/.exec(values.route);
if (!route) {
  console.error(`--route: expected "METHOD /path", got ${JSON.stringify(values.route)}`);
  process.exit(2);
}
const [, method, path] = route;
const stage = values.event === 'http' ? '$default' : 'prod';
const arn = `arn:aws:execute-api:us-east-1:123456789012:abcdef1234/${stage}/${method}/${path.slice(1)}`;
const events = {
  token: { type: 'TOKEN', authorizationToken: credential, methodArn: arn },
  request: {
    type: 'REQUEST',
    methodArn: arn,
    resource: path,
    path,
    httpMethod: method,
    headers: { Authorization: credential },
    multiValueHeaders: { Authorization: [credential] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {},
  },
  http: {
    version: '2.0',
    type: 'REQUEST',
    routeArn: arn,
    identitySource: [credential],
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: credential },
    requestContext: {},
  },
};
const event = events[values.event];
if (!event) {
  console.error(`--event: one of ${Object.keys(events).join(', ')}`);
  process.exit(2);
}

if (values.seed) {
  const { SEED_ENV } = await import('@jwt-authorizer/test-fixtures');
  for (const [name, value] of Object.entries(SEED_ENV)) process.env[name] ??= value;
}

// The Lambda writes its log lines to stdout; keep them to explain the decision, print them at the end.
const logs = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk) => logs.push(String(chunk).trim()) > 0;
const out = (line = '') => write(`${line}\n`);

let verdict;
let reason;
let response;
try {
  const { handler } = await import(new URL('../dist/index.mjs', import.meta.url).href);
  try {
    const result = await handler(event, { getRemainingTimeInMillis: () => 10_000 });
    response = JSON.stringify(result, null, 2);
    const decision = logs.map(parse).find((line) => line?.outcome);
    // What API Gateway makes of it for this route: a simple answer as it is; a policy evaluated against the ARN.
    const verdictOf = { allow: 'Allow', 'explicit-deny': 'Deny', 'implicit-deny': 'Deny' };
    const evaluation = result.policyDocument ? evaluatePolicy(result.policyDocument.Statement ?? [], arn) : undefined;
    verdict = evaluation ? verdictOf[evaluation] : result.isAuthorized === true ? 'Allow' : 'Deny';
    if (verdict === 'Allow') {
      reason = `the signature verifies with the configured key and every check passed; principal ${JSON.stringify(decision?.principal)}`;
    } else if (decision?.outcome === 'allow') {
      reason = `the token is valid, but the policy allows other routes than ${method} ${path} (ROUTE_SCOPES): API Gateway answers 403`;
    } else {
      reason =
        'the token is valid, but no rule of ROUTE_SCOPES permits this route with its scopes: API Gateway answers 403';
    }
  } catch (error) {
    const refusal = logs.map(parse).find((line) => line?.outcome);
    const code = refusal?.reason ?? error.code ?? error.name;
    verdict = error.message === 'Unauthorized' ? 'Unauthorized' : 'Error';
    reason = `${code}: ${REASONS[code] ?? 'see the detail'}${refusal?.detail ? ` (${refusal.detail})` : ''}`;
    response = `the Lambda throws Error(${JSON.stringify(error.message)})`;
  }
} catch (error) {
  verdict = 'Error';
  reason = `the Lambda's init fails: ${error.message}`;
  response = 'none: the init fails, every request answers 500';
}

const status = { Allow: '200, the request goes on', Deny: '403', Unauthorized: '401', Error: '500' }[verdict];
out(`verdict:  ${verdict} (API Gateway: ${status})`);
out(`reason:   ${reason}`);
out(`event:    ${values.event.toUpperCase()} ${method} ${path}`);
out(`header:   ${decoded(0)}   (decoded, not trusted: keys named by the token are never fetched)`);
out(`claims:   ${decoded(1)}`);
out(`response: ${response.replaceAll('\n', '\n          ')}`);
for (const line of logs) out(`log:      ${line}`);
process.exit(verdict === 'Allow' ? 0 : 1);

/** IAM evaluation of `execute-api:Invoke` on `resource`: `*` crosses `/`, a matching Deny wins. */
function evaluatePolicy(statements, resource) {
  const matches = (pattern, value) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      's',
    ).test(value);
  const list = (value) => (Array.isArray(value) ? value : [value]);
  const applies = (s) =>
    list(s.Action).some((a) => matches(a.toLowerCase(), 'execute-api:invoke')) &&
    list(s.Resource).some((r) => matches(r, resource));
  if (statements.some((s) => s.Effect === 'Deny' && applies(s))) return 'explicit-deny';
  return statements.some((s) => s.Effect === 'Allow' && applies(s)) ? 'allow' : 'implicit-deny';
}

function parse(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** A part of the token, base64url-decoded and shown as JSON; times as dates. Nothing is verified or fetched. */
function decoded(index) {
  const part = credential.replace(/^bearer\s+/i, '').split('.')[index];
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    const times = ['exp', 'nbf', 'iat'].filter((name) => typeof value?.[name] === 'number');
    const dates = times.map((name) => `${name}=${new Date(value[name] * 1000).toISOString()}`).join(', ');
    return `${JSON.stringify(value)}${dates ? `  (${dates})` : ''}`;
  } catch {
    return '(not decodable)';
  }
}
