import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { describe, expect, it } from 'vitest';
import { addCorsGatewayResponses } from '../src/cors-gateway-responses.ts';
import { testApp } from './support/synth.ts';

const ORIGIN = 'https://app.example';

describe('addCorsGatewayResponses', () => {
  it("puts the API's one origin on the DEFAULT_4XX and DEFAULT_5XX responses, with Vary and credentials as preflight says", () => {
    const stack = new Stack(testApp(), 'Test');
    const api = new apigateway.RestApi(stack, 'Api', {
      defaultCorsPreflightOptions: { allowOrigins: [ORIGIN], allowCredentials: true },
    });
    api.root.addMethod('GET', new apigateway.MockIntegration());
    addCorsGatewayResponses(api);
    const template = Template.fromStack(stack);
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': `'${ORIGIN}'`,
          'gatewayresponse.header.Vary': "'Origin'",
          'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
        },
      });
    }
  });

  it('refuses several origins without a choice, and "*" with credentials', () => {
    const stack = new Stack(testApp(), 'Test');
    const several = new apigateway.RestApi(stack, 'Several', {
      defaultCorsPreflightOptions: { allowOrigins: [ORIGIN, 'https://admin.example'] },
    });
    expect(() => addCorsGatewayResponses(several)).toThrow(/name the one origin/);
    const wildcard = new apigateway.RestApi(stack, 'Wildcard', {
      defaultCorsPreflightOptions: { allowOrigins: ['*'], allowCredentials: true },
    });
    expect(() => addCorsGatewayResponses(wildcard)).toThrow(/"\*" with credentials/);
  });
});
