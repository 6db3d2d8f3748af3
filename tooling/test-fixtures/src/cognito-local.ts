import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

// What cognito-local 5.3.0 issues, against what Amazon Cognito documents (amazon-cognito-user-pools-using-the-
// access-token.html, -id-token.html); cognito-local.dist.test.ts pins each point:
// - pool ids `local_<8 alphanumerics>`: the `<region>_<id>` shape with `local` for the region, so an issuer derived
//   from the id as Cognito's (`https://cognito-idp.<region>.amazonaws.com/<id>`) names no reachable host;
// - `iss` = `<TokenConfig.IssuerDomain>/<pool id>`; IssuerDomain is configurable (.cognito/config.json) and defaults
//   to `http://<HOST or localhost>:<PORT or 9229>`; the JWKS is served at `/<pool id>/.well-known/jwks.json`;
// - one RSA key for every pool, shipped in the package: header `{ alg: RS256, typ: JWT, kid: CognitoLocal }`
//   (Cognito's carry only `kid` and `alg`, with distinct keys for ID and access tokens);
// - access tokens: `client_id`, `username`, `scope` (`aws.cognito.signin.user.admin`), `token_use: access`,
//   `cognito:groups` (when in a group), `sub`, `auth_time`, `event_id`, `jti`, `iat`, `exp`, `iss`; no `aud`;
// - ID tokens: `aud` (the client id), `cognito:username`, `email`, `email_verified`, `token_use: id`,
//   `cognito:groups`, `sub`, `auth_time`, `event_id`, `jti`, `iat`, `exp`, `iss`; no `client_id`;
// - refresh tokens: JWTs signed by the same key, without `kid` (Cognito's are encrypted and opaque); refreshing
//   returns new ID and access tokens and no new refresh token.

/** A running cognito-local; see {@link startCognitoLocal}. */
export interface CognitoLocal {
  /** Its Cognito API endpoint, `http://127.0.0.1:<port>`: the SDK client's `endpoint`. */
  endpoint: string;
  /** The real SDK client pointed at it: region us-east-1, dummy credentials, no retries. */
  client: CognitoIdentityProviderClient;
  /**
   * The `iss` of a pool's tokens: `<endpoint>/<pool id>`, as Amazon Cognito's is
   * `https://cognito-idp.<region>.amazonaws.com/<pool id>`. Its JWKS is at `<issuer>/.well-known/jwks.json`, its
   * OpenID discovery document at `<issuer>/.well-known/openid-configuration`.
   */
  issuerOf(userPoolId: string): string;
  /** Stops the server, waits for it to exit and deletes its data directory. */
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const entry = fileURLToPath(new URL('./cognito-local-process.mjs', import.meta.url));

/**
 * Starts cognito-local (npm) in a child process on 127.0.0.1, on a port the system picks, with its data in a fresh
 * temporary directory: an independent Cognito emulator that issues real RS256 ID, access and refresh tokens. Only
 * loopback is used; nothing of the parent's environment (AWS credentials, endpoints) reaches it.
 *
 * @example
 * ```ts
 * const cognito = await startCognitoLocal();
 * const pool = await createCognitoPool(cognito);
 * await cognito.close();
 * ```
 */
export async function startCognitoLocal(): Promise<CognitoLocal> {
  const dataDirectory = await mkdtemp(join(tmpdir(), 'cognito-local-'));
  const child = spawn(process.execPath, [entry], {
    cwd: dataDirectory,
    env: { AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4096);
  });
  const stop = () => stopChild(child).then(() => rm(dataDirectory, { recursive: true, force: true }));

  let endpoint: string;
  try {
    endpoint = await started(child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'cognito-local', secretAccessKey: 'cognito-local' },
    maxAttempts: 1,
  });
  return {
    endpoint,
    client,
    issuerOf: (userPoolId) => `${endpoint}/${userPoolId}`,
    close: async () => {
      client.destroy();
      await stop();
    },
  };
}

function started(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`cognito-local did not start: ${why}\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`no answer in ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
    child.once('message', (message: { endpoint?: unknown }) => {
      clearTimeout(timer);
      if (typeof message.endpoint === 'string') resolve(message.endpoint);
      else fail('unexpected message');
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}
