// What every child shares: the context object Lambda's Node.js runtime passes a handler, trimmed to its fields,
// and the TOKEN event. `getRemainingTimeInMillis` matters: with it, a Middy handler arms its early-timeout timer on
// every invocation, as it does in Lambda, unless it turns the timer off, as ours does
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html).
import { readFileSync, writeFileSync } from 'node:fs';

export const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'jwt-authorizer-bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:jwt-authorizer-bench',
  memoryLimitInMB: '128',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  logGroupName: '/aws/lambda/jwt-authorizer-bench',
  logStreamName: '2000/01/01/[$LATEST]00000000000000000000000000000000',
  getRemainingTimeInMillis: () => 3000,
};

/** A REST API TOKEN authorizer event carrying `token`. */
export const tokenEvent = (token, methodArn) => ({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn });

/** Throws unless `response` is an Allow policy: a contestant that refuses a valid token fails the bench. */
export function assertAllowed(name, response) {
  if (response?.policyDocument?.Statement?.[0]?.Effect !== 'Allow') throw new Error(`${name} did not allow`);
}

/** A child reads its input from the JSON file its second argument names, and writes its result to the first. */
export const input = JSON.parse(readFileSync(process.argv[3] ?? '', 'utf8'));
export const report = (result) => writeFileSync(process.argv[2] ?? '', JSON.stringify(result));
