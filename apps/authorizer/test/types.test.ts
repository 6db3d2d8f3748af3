import type { AuthorizerPolicyResult } from '@jwt-authorizer/core';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';

describe('core result types', () => {
  it("are assignable to @types/aws-lambda's, though core does not depend on it", () => {
    expectTypeOf<AuthorizerPolicyResult>().toExtend<APIGatewayAuthorizerResult>();
  });
});
