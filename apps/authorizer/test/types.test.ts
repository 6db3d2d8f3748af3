import type { AuthorizerPolicyResult, AuthorizerSimpleResult } from '@jwt-authorizer/core';
import type { APIGatewayAuthorizerResult, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';

describe('core result types', () => {
  it("are assignable to @types/aws-lambda's, though core does not depend on it", () => {
    expectTypeOf<AuthorizerPolicyResult>().toExtend<APIGatewayAuthorizerResult>();
  });
});

describe('core simple result type', () => {
  it("is assignable to @types/aws-lambda's simple HTTP API result", () => {
    expectTypeOf<AuthorizerSimpleResult>().toExtend<APIGatewaySimpleAuthorizerResult>();
  });
});
