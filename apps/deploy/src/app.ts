// The CDK app behind `cdk synth` / `cdk deploy` (cdk.json runs it with Node's own TypeScript support).
// Configuration comes from CDK context (-c key=value); nothing is looked up in AWS, so synth works offline.
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { exampleSettings } from './example-settings.ts';
import { ExampleStack } from './example-stack.ts';

const app = new App();
const corsOrigin = app.node.tryGetContext('corsOrigin') as unknown;
new ExampleStack(app, 'JwtAuthorizerExample', {
  authorizer: exampleSettings((key) => app.node.tryGetContext(key)),
  ...(typeof corsOrigin === 'string' && corsOrigin.trim() !== '' && { corsOrigin: corsOrigin.trim() }),
  description: 'JWT authorizer for API Gateway: example REST API and HTTP API',
});
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
app.synth();
