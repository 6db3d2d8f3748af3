import { createServer, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One GetParameter request as the loopback SSM endpoint received it. */
export interface SsmRequest {
  target: string | undefined;
  body: { Name?: string; WithDecryption?: boolean };
}

/** Options of {@link startSsmServer}. */
export interface StartSsmServerOptions {
  /** Serve https with this key and certificate, as SSM's endpoints do (the client must trust the certificate). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** A loopback endpoint speaking SSM's AWS JSON 1.1 protocol for GetParameter; see {@link startSsmServer}. */
export interface SsmServer {
  url: string;
  /** What a process needs to reach this endpoint with the real SDK: the endpoint, a region, dummy credentials. */
  env: Record<string, string>;
  readonly requests: readonly SsmRequest[];
  close(): Promise<void>;
}

/**
 * Serves `parameters` as SSM would (`X-Amz-Target: AmazonSSM.GetParameter`, AWS JSON 1.1), so the real SDK client,
 * pointed here with `AWS_ENDPOINT_URL_SSM`, runs unmocked. Unknown names answer `ParameterNotFound`.
 *
 * @example
 * ```ts
 * const ssm = await startSsmServer({ '/auth/key': pem }); // env AWS_ENDPOINT_URL_SSM = ssm.url
 * ```
 */
export async function startSsmServer(
  parameters: Record<string, string>,
  options: StartSsmServerOptions = {},
): Promise<SsmServer> {
  const requests: SsmRequest[] = [];
  const listener: RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SsmRequest['body'];
      const target = request.headers['x-amz-target'];
      requests.push({ target: Array.isArray(target) ? target[0] : target, body });
      const value = body.Name === undefined ? undefined : parameters[body.Name];
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'AmazonSSM.GetParameter' || value === undefined) {
        response.writeHead(400).end(JSON.stringify({ __type: 'ParameterNotFound', message: 'not found' }));
        return;
      }
      response.writeHead(200).end(
        JSON.stringify({
          Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1, DataType: 'text' },
        }),
      );
    });
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    env: {
      AWS_ENDPOINT_URL_SSM: url,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
