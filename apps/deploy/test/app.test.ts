import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'cdk-out-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('cdk synth', () => {
  it('synthesizes the example app offline, with no AWS credentials and with CORS, and cdk-nag finds nothing left', () => {
    // Only PATH and HOME: no AWS_* variables, so nothing could be looked up even if the network were there. No
    // version check (a registry request) and no telemetry (--no-version-reporting turns it off as well).
    const env = { PATH: process.env['PATH'], HOME: out, CDK_DISABLE_VERSION_CHECK: '1' };
    const cdk = join(root, 'node_modules/.bin/cdk');
    const args = ['synth', '--no-notices', '--no-version-reporting', '--quiet', '-o', out];
    const context = [
      '-c',
      'jwksUri=https://idp.example.com/.well-known/jwks.json',
      '-c',
      'issuer=https://idp.example.com/',
      '-c',
      'corsOrigin=https://app.example.com',
    ];
    const run = spawnSync(cdk, [...args, ...context], { cwd: root, env, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/AwsSolutions-/);
    expect(run.status).toBe(0);
    const template = JSON.parse(readFileSync(join(out, 'JwtAuthorizerExample.template.json'), 'utf8'));
    expect(Object.keys(template.Resources).length).toBeGreaterThan(10);
    const report = readFileSync(join(out, 'AwsSolutions--JwtAuthorizerExample-NagReport.csv'), 'utf8');
    expect(report).not.toMatch(/Non-Compliant/);
  }, 120_000);
});
