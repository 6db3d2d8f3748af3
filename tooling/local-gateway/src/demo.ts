// The quick start's demo (`npm start` -> `pnpm run demo`): the built authorizer behind the local gateway,
// configured as the seed tutorial's Lambda, plus route rules and a contract-breaking authorizer on /broken/ so
// that every answer of the real gateway can be seen: 200, 401, 403, 500. Runs until Ctrl-C.
import { SEED_ENV, SEED_TOKEN_BAD_SIGNATURE, SEED_TOKEN_VALID } from '@jwt-authorizer/test-fixtures';
import { handler as brokenAuthorizer } from './broken-authorizer.ts';
import { startGateway } from './start-gateway.ts';

/** The demo's configuration: the seed tutorial's, and a route that needs a scope the seed's token lacks. */
export const DEMO_ENV = {
  ...SEED_ENV,
  ROUTE_SCOPES: JSON.stringify({ 'ANY /pets': [], 'ANY /pets/*': [], 'GET /admin/*': ['admin'] }),
};

// Variables set in the environment win over the demo's, so the same demo runs against a real configuration.
for (const [name, value] of Object.entries(DEMO_ENV)) process.env[name] ??= value;

// The demo's answers are HTTP routes' (and its ROUTE_SCOPES decide HTTP routes, which a WebSocket API has not).
if (process.argv.includes('websocket')) {
  process.stderr.write('demo: HTTP routes only; for a WebSocket API run local-gateway --event websocket\n');
  process.exit(2);
}

const { url, format, cacheTtlSeconds } = await startGateway(process.argv.slice(2), {
  extraAuthorizers: { '/broken/': brokenAuthorizer },
});
const cases = [
  ['200: principal ncc1701a and its context, echoed by the backend', '/pets/42', SEED_TOKEN_VALID],
  ["401: the seed's second token is signed by another key", '/pets/42', SEED_TOKEN_BAD_SIGNATURE],
  ['401: no Authorization header, the authorizer is not even invoked', '/pets/42', undefined],
  ['403: a valid token without the "admin" scope GET /admin/* needs', '/admin/users', SEED_TOKEN_VALID],
  ['500: an authorizer whose response breaks the contract', '/broken/anything', SEED_TOKEN_VALID],
] as const;

const kind = { token: 'REST TOKEN', request: 'REST REQUEST', http: 'HTTP API 2.0', websocket: 'WebSocket' }[format];
const cache = cacheTtlSeconds > 0 ? `result cache ${cacheTtlSeconds} s` : 'no result cache';
const lines = [`Local API Gateway on ${url} (${kind} authorizer, ${cache}) — Ctrl-C stops it.`, ''];
lines.push("Configuration: the seed tutorial's (its jwt.io key, PRINCIPAL_CLAIM=user_id, JWT_REQUIRED_CLAIMS=user_id)");
lines.push(`and ROUTE_SCOPES=${process.env['ROUTE_SCOPES']}`, '', 'Try (answers checked just now):', '');
for (const [what, path, token] of cases) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const status = await fetch(`${url}${path}`, { headers }).then(
    (response) => String(response.status),
    () => 'no answer',
  );
  lines.push(`# ${what} -> ${status}`);
  lines.push(`curl -i ${url}${path}${token ? ` -H 'Authorization: Bearer ${token}'` : ''}`, '');
}
process.stdout.write(`${lines.join('\n')}\n`);
