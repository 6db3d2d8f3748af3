// The child process startCognitoLocal() runs: cognito-local (npm) serving its Cognito API on 127.0.0.1 with a port
// the system picks, its data under the working directory (a fresh temporary one), and nothing else reachable.
// It listens first, so that the issuer cognito-local writes into tokens (TokenConfig.IssuerDomain, read from
// .cognito/config.json) can name the port it really has. It reports that origin on the IPC channel and exits when
// the parent goes away, so a crashed test run leaves no server behind.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

// cognito-local's own logger package, resolved from cognito-local's dependencies rather than the workspace's.
const requireFromCognitoLocal = createRequire(import.meta.resolve('cognito-local'));
const { createDefaultServer } = requireFromCognitoLocal('cognito-local');
const pino = requireFromCognitoLocal('pino');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

mkdirSync('.cognito', { recursive: true });
writeFileSync('.cognito/config.json', JSON.stringify({ TokenConfig: { IssuerDomain: origin } }));
const { application } = await createDefaultServer(pino({ level: 'warn' }, pino.destination(2)));

// cognito-local 5.3.0 answers /<pool>/.well-known/openid-configuration with `http://localhost:9229/<pool>` as the
// issuer and the JWKS host whatever its address and IssuerDomain (lib/server/server.js), so an OpenID client
// checking the document's issuer (OpenID Connect Discovery 1.0 §4.3) can only use it on that one port. Amazon
// Cognito's document names the pool's issuer and `<issuer>/.well-known/jwks.json`; this answers the same way,
// with the fields cognito-local puts, and the keys still come from cognito-local's own JWKS route.
const DISCOVERY = /^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/openid-configuration$/;
server.on('request', (request, response) => {
  const pool = request.method === 'GET' ? DISCOVERY.exec(request.url ?? '')?.[1] : undefined;
  if (pool === undefined) {
    application(request, response);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: `${origin}/${pool}`,
      jwks_uri: `${origin}/${pool}/.well-known/jwks.json`,
    }),
  );
});

process.on('disconnect', () => process.exit(0));
process.send?.({ endpoint: origin });
