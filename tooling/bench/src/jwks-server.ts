import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Serves `jwks` over https on 127.0.0.1 at `/jwks.json`, as an identity provider would, with a self-signed P-256
 * certificate openssl makes in `dir`. Node reads `NODE_EXTRA_CA_CERTS` into the root store every TLS client uses,
 * so `node:https` (ours, aws-jwt-verify, the floor) and `fetch` (undici: jose) both trust `caFile`. Requests are
 * counted; `GET /count` answers `{ "count": n }`, so a child process can read the count. `tls` is the key and
 * certificate, for other loopback servers the children must reach over https (SSM).
 * @example const server = await startJwksServer({ keys }, temp); // children's NODE_EXTRA_CA_CERTS: server.caFile
 */
export async function startJwksServer(jwks: { keys: object[] }, dir: string) {
  const [keyFile, caFile] = [join(dir, 'tls-key.pem'), join(dir, 'tls-cert.pem')];
  const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-nodes'];
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', keyFile, '-out', caFile];
  execFileSync('openssl', ['req', '-x509', ...newKey, ...subject], { stdio: 'ignore' });
  let count = 0;
  const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (request, response) => {
    if (request.url !== '/count') count += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(request.url === '/count' ? { count } : jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  const tls = { key: readFileSync(keyFile), cert: readFileSync(caFile) };
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, caFile, tls, close };
}
