import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { verifyToken } from '@jwt-authorizer/core';
import type { KeySourceEvent } from '@jwt-authorizer/key-source';
import {
  createTestKey,
  type JwksServer,
  signToken,
  startJwksServer,
  type TestKey,
} from '@jwt-authorizer/test-fixtures';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeySource, parseConfig } from '../src/index.js';

const algorithms = ['RS256'] as const;
let key: TestKey;
let server: JwksServer | undefined;
beforeAll(async () => {
  key = await createTestKey('RS256');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const jwks = () => ({ keys: [{ ...key.publicJwk, kid: 'k1' }] });

describe('createKeySource', () => {
  it('builds the source each configuration names', async () => {
    server = await startJwksServer(jwks());
    const token = await signToken(key, { iss: server.issuer }, { header: { kid: 'k1' } });
    for (const env of [
      { JWT_PUBLIC_KEY: key.publicPem },
      { JWKS_URI: server.url.href },
      { JWT_ISSUER: server.issuer },
    ]) {
      const config = parseConfig(env);
      await expect(verifyToken(token, createKeySource(config), { algorithms })).resolves.toMatchObject({
        principalId: 'user-1',
      });
    }
    expect([server.count, server.discoveryCount]).toEqual([2, 1]);
  });

  it('passes the configured durations and the event listener to remote sources', async () => {
    server = await startJwksServer(jwks());
    const events: KeySourceEvent[] = [];
    const config = parseConfig({ JWKS_URI: server.url.href, KEY_FETCH_TIMEOUT_MS: '100' });
    server.setMode({ kind: 'hang' });
    const keySource = createKeySource(config, { onEvent: (event) => events.push(event) });
    const token = await signToken(key, {}, { header: { kid: 'k1' } });
    await expect(verifyToken(token, keySource, { algorithms })).rejects.toMatchObject({ code: 'key_source_timeout' });
    expect(events).toMatchObject([{ type: 'fetch', source: 'jwks', ok: false, code: 'key_source_timeout' }]);
  });

  it('imports the SDK and reads the parameter on first use only', async () => {
    const config = parseConfig({ JWT_PUBLIC_KEY_SSM_PARAMETER: '/auth/key', AWS_REGION: 'eu-west-1' });
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: key.publicPem } });
    const keySource = createKeySource(config);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
    await expect(verifyToken(await signToken(key), keySource, { algorithms })).resolves.toBeDefined();
    await verifyToken(await signToken(key), keySource, { algorithms });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    ssm.restore();
  });
});
