import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_PUBLIC_KEY } from '@jwt-authorizer/test-fixtures';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll } from 'vitest';
import { ExampleStack, type ExampleStackProps } from '../../src/example-stack.ts';
import { JwtAuthorizer, type JwtAuthorizerProps } from '../../src/jwt-authorizer.ts';

/** The seed tutorial's configuration as construct props. */
export const SEED_PROPS: JwtAuthorizerProps = {
  keySource: { publicKey: SEED_PUBLIC_KEY },
  principalClaim: 'user_id',
  requiredClaims: ['user_id'],
};

const ENV = { account: '123456789012', region: 'eu-west-1' };

// Each App synthesizes into a directory of its own (the staged asset among it); all go after each test file.
const outRoot = mkdtempSync(join(tmpdir(), 'deploy-test-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** A CDK app whose output lands in a temporary directory removed after the tests. */
export function testApp(): App {
  return new App({ outdir: mkdtempSync(join(outRoot, 'app-')) });
}

/** A stack holding one {@link JwtAuthorizer}, synthesized. */
export function synthAuthorizer(props: JwtAuthorizerProps = SEED_PROPS): {
  template: Template;
  authorizer: JwtAuthorizer;
} {
  const stack = new Stack(testApp(), 'Test', { env: ENV });
  const authorizer = new JwtAuthorizer(stack, 'Jwt', props);
  return { template: Template.fromStack(stack), authorizer };
}

/** The example stack with cdk-nag's AwsSolutions checks applied, as `src/app.ts` runs it. */
export function synthExample(
  props: JwtAuthorizerProps = SEED_PROPS,
  extra: Omit<ExampleStackProps, 'authorizer'> = {},
): ExampleStack {
  const app = testApp();
  const stack = new ExampleStack(app, 'Example', { authorizer: props, env: ENV, ...extra });
  Aspects.of(app).add(new AwsSolutionsChecks());
  return stack;
}
