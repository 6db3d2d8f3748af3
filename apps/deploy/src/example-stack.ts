import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { addCorsGatewayResponses } from './cors-gateway-responses.ts';
import { JwtAuthorizer, type JwtAuthorizerProps } from './jwt-authorizer.ts';

/** Props of {@link ExampleStack}. */
export interface ExampleStackProps extends StackProps {
  /** The authorizer's configuration: key source, issuer, audience, ... */
  readonly authorizer: JwtAuthorizerProps;
  /**
   * The one browser origin allowed to call the APIs (`https://app.example`). Default: no CORS. Given, both APIs
   * answer preflights without the authorizer, and the REST API's 4XX/5XX (its 401 and 403) carry CORS headers, so
   * the app sees the real status. With cookie token sources, credentials are allowed.
   */
  readonly corsOrigin?: string;
}

// One JSON line per request with what the authorizer decided; never a header value, so never a token. Only variables
// each API type documents: REST https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html,
// HTTP https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
export const REST_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTime',
  route: '$context.httpMethod $context.resourcePath',
  status: '$context.status',
  principalId: '$context.authorizer.principalId',
  authorizerError: '$context.authorizer.error',
  authorizerStatus: '$context.authorizer.integrationStatus',
  authorizerLatency: '$context.authorizer.latency',
});
export const HTTP_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  time: '$context.requestTime',
  route: '$context.routeKey',
  status: '$context.status',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
});

// The sample backend: answers with the principal and context the authorizer handed to API Gateway.
const ECHO_SOURCE = `exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ authorizer: event.requestContext.authorizer ?? null }),
});`;

/**
 * The example deployment: one {@link JwtAuthorizer} guarding `GET /pets` of a REST API (TOKEN authorizer) and of an
 * HTTP API (REQUEST authorizer, payload 2.0, simple responses), each in front of a backend that echoes what the
 * authorizer passed on.
 *
 * @example
 * ```ts
 * new ExampleStack(app, 'JwtAuthorizerExample', { authorizer: { keySource: { jwksUri }, issuer: [issuer] } });
 * ```
 */
export class ExampleStack extends Stack {
  readonly authorizer: JwtAuthorizer;
  readonly restApi: apigateway.RestApi;
  readonly httpApi: apigwv2.HttpApi;

  constructor(scope: Construct, id: string, props: ExampleStackProps) {
    super(scope, id, props);
    this.authorizer = new JwtAuthorizer(this, 'JwtAuthorizer', props.authorizer);
    const echo = this.echoFunction();
    const { tokenSources = ['header:Authorization'], clientCertBinding } = props.authorizer;
    // A TOKEN authorizer reads one header; a query parameter, a cookie or a certificate needs a REQUEST authorizer.
    const oneHeader =
      tokenSources.length === 1 && tokenSources[0]?.startsWith('header:') && clientCertBinding !== 'required';
    const credentials = tokenSources.some((source) => source.startsWith('cookie:'));
    const { corsOrigin } = props;

    const restAccessLogs = new logs.LogGroup(this, 'RestApiAccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    this.restApi = new apigateway.RestApi(this, 'RestApi', {
      description: 'JWT authorizer example (REST API, TOKEN authorizer)',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // REST API logs (access and execution) need the region's API Gateway account role; see docs/deploy.md.
      cloudWatchRole: true,
      ...(corsOrigin && {
        defaultCorsPreflightOptions: {
          allowOrigins: [corsOrigin],
          allowHeaders: ['Authorization', 'Content-Type'],
          allowMethods: ['GET'],
          allowCredentials: credentials,
        },
      }),
      deployOptions: {
        stageName: 'prod',
        accessLogDestination: new apigateway.LogGroupLogDestination(restAccessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(REST_ACCESS_LOG_FORMAT),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Data tracing would write request headers, the Authorization header with its token among them, to the logs.
        dataTraceEnabled: false,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
      },
    });
    this.restApi.root.addResource('pets').addMethod('GET', new apigateway.LambdaIntegration(echo), {
      authorizer: oneHeader ? this.authorizer.tokenAuthorizer() : this.authorizer.requestAuthorizer(),
      requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },
    });
    if (corsOrigin) addCorsGatewayResponses(this.restApi);

    const httpAccessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'JWT authorizer example (HTTP API, REQUEST authorizer, payload 2.0)',
      createDefaultStage: false,
      ...(corsOrigin && {
        corsPreflight: {
          allowOrigins: [corsOrigin],
          allowHeaders: ['authorization', 'content-type'],
          allowMethods: [apigwv2.CorsHttpMethod.GET],
          allowCredentials: credentials,
        },
      }),
    });
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(httpAccessLogs),
        format: apigateway.AccessLogFormat.custom(HTTP_ACCESS_LOG_FORMAT),
      },
    });
    this.httpApi.addRoutes({
      path: '/pets',
      methods: [apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Echo', echo),
      authorizer: this.authorizer.httpAuthorizer(),
    });

    new CfnOutput(this, 'AuthorizerFunctionArn', { value: this.authorizer.function.functionArn });
    new CfnOutput(this, 'RestApiPetsUrl', { value: this.restApi.urlForPath('/pets') });
    new CfnOutput(this, 'HttpApiPetsUrl', { value: `${this.httpApi.apiEndpoint}/pets` });
    this.suppressFindings();
  }

  private echoFunction(): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'EchoLogGroup', { retention: logs.RetentionDays.ONE_MONTH });
    const role = new iam.Role(this, 'EchoRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    return new lambda.Function(this, 'Echo', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(ECHO_SOURCE),
      role,
      logGroup,
      memorySize: 128,
      timeout: Duration.seconds(3),
      description: 'JWT authorizer example backend: echoes the authorizer context',
    });
  }

  private suppressFindings(): void {
    NagSuppressions.addStackSuppressions(this, [
      {
        id: 'AwsSolutions-IAM4',
        reason:
          'Only the account-level API Gateway CloudWatch role uses a managed policy: ' +
          'AmazonAPIGatewayPushToCloudWatchLogs, the one AWS documents for that role.',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'],
      },
    ]);
    // The preflight methods CORS adds: a browser sends OPTIONS without credentials (Fetch standard, CORS-preflight
    // request), so an authorizer on them would refuse every cross-origin call before it is made.
    for (const method of this.restApi.methods.filter((each) => each.httpMethod === 'OPTIONS')) {
      NagSuppressions.addResourceSuppressions(method, [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'CORS preflight (OPTIONS): browsers send it without credentials, so it cannot be authorized; it reaches a mock integration only.',
        },
      ]);
    }
    NagSuppressions.addResourceSuppressions(
      this.restApi,
      [
        {
          id: 'AwsSolutions-APIG3',
          reason: 'A WAF web ACL is an edge policy of the account (and a cost); attach yours to the stage.',
        },
        {
          id: 'AwsSolutions-COG4',
          reason: 'The route is guarded by the JWT Lambda authorizer, which verifies tokens of any OIDC issuer.',
        },
      ],
      true,
    );
  }
}
