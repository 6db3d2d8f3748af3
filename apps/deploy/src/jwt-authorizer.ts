import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AuthorizerType,
  createKeySource,
  type IdentitySourcePlan,
  identitySourcePlan,
  parseConfig,
} from '@jwt-authorizer/config';
import { parseTokenSources } from '@jwt-authorizer/core';
import { ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import {
  HttpLambdaAuthorizer,
  HttpLambdaResponseType,
  WebSocketLambdaAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type AuthorizerSettings, authorizerEnvironment } from './authorizer-environment.ts';
import { BARE_TOKEN_PATTERN, BEARER_TOKEN_PATTERN } from './bearer-token-pattern.ts';
import { corsProblems } from './cors-problems.ts';
import { identitySourceExpressions } from './identity-source-expressions.ts';

/** Props of {@link JwtAuthorizer}: the authorizer's settings (docs/configuration.md) and the function's own. */
export interface JwtAuthorizerProps extends AuthorizerSettings {
  /** The function's code. Default: the built `apps/authorizer/dist` directory, the artefact its tests ran. */
  readonly code?: lambda.Code;
  /** Retention of the function's log group. Default one month. */
  readonly logRetention?: logs.RetentionDays;
  /** Default 256 MB: RS256 verification is cheap, and Lambda gives CPU in proportion to memory for cold starts. */
  readonly memorySize?: number;
  /** Default 10 s: well above a JWKS or SSM fetch timeout, well below API Gateway's 29 s. */
  readonly timeout?: Duration;
}

/** Options of {@link JwtAuthorizer.tokenAuthorizer}, `requestAuthorizer` and `httpAuthorizer`. */
export interface AuthorizerCacheOptions {
  /**
   * How long API Gateway reuses a result for the same identity sources. Default 300 s; 0 where a reused result
   * could be wrong: `policyResource: 'method'`, route rules with simple responses, several token sources (no
   * identity source to key the cache by), certificate binding (the key does not change with the certificate). A
   * TTL above 0 there fails synth.
   */
  readonly resultsCacheTtl?: Duration;
}

const DEFAULT_RESULTS_CACHE_TTL = Duration.seconds(300);

/**
 * The JWT authorizer Lambda (`nodejs24.x`, arm64, `index.handler`), with its log group and a role that may write
 * to that log group and, for an SSM key source, read that one parameter. Nothing else.
 *
 * The configuration is checked at synth time with the Lambda's own parser, so a deployment that would fail its cold
 * start fails `cdk synth` instead, with the same message.
 *
 * @example
 * ```ts
 * const authorizer = new JwtAuthorizer(this, 'Jwt', {
 *   keySource: { jwksUri: 'https://idp.example/.well-known/jwks.json' },
 *   issuer: ['https://idp.example/'],
 *   audience: ['api://orders'],
 * });
 * api.root.addMethod('GET', integration, { authorizer: authorizer.tokenAuthorizer() });
 * ```
 */
export class JwtAuthorizer extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  private readonly settings: AuthorizerSettings;
  /** The authorizers made so far, whose APIs the CORS check at synth looks at. */
  private readonly restAuthorizers: apigateway.IAuthorizer[] = [];
  private readonly httpAuthorizers: HttpLambdaAuthorizer[] = [];

  constructor(scope: Construct, id: string, props: JwtAuthorizerProps) {
    super(scope, id);
    this.settings = props;
    // Every API this construct's authorizers guard, and has CORS, must let browsers see their 401 and 403.
    this.node.addValidation({
      validate: () =>
        corsProblems(this, {
          rest: this.restAuthorizers.map((authorizer) => authorizer.authorizerId),
          http: this.httpAuthorizers.flatMap((authorizer) => attachedId(authorizer)),
        }),
    });
    const environment = authorizerEnvironment(props);
    checkConfiguration(environment);
    checkTimeouts(props.timeout ?? Duration.seconds(10), props.keyFetchTimeout);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'JWT authorizer: writes its own logs and reads its own key, nothing else',
    });
    // logs:CreateLogStream and logs:PutLogEvents on this log group only (no AWSLambdaBasicExecutionRole).
    this.logGroup.grantWrite(this.role);
    this.grantKeySource(props);

    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: props.code ?? authorizerCode(),
      role: this.role,
      logGroup: this.logGroup,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      environment,
      description: 'JWT authorizer for API Gateway',
    });
    this.function.node.addDependency(this.role);
  }

  /**
   * A REST API `TOKEN` authorizer on this function: identity source the one header `tokenSources` names (default
   * `Authorization`), validated before the function is invoked ({@link BEARER_TOKEN_PATTERN} for `Authorization`,
   * {@link BARE_TOKEN_PATTERN} for another header), results cached for 300 s by default.
   *
   * @throws {ConfigError} when `tokenSources` is not one header, or with `clientCertBinding: 'required'`: a TOKEN
   * event carries one header and no certificate (use {@link JwtAuthorizer.requestAuthorizer}).
   * @example
   * ```ts
   * resource.addMethod('GET', integration, { authorizer: authorizer.tokenAuthorizer() });
   * ```
   */
  tokenAuthorizer(id = 'TokenAuthorizer', options: AuthorizerCacheOptions = {}): apigateway.TokenAuthorizer {
    const plan = this.plan('token');
    const [header] = plan.identitySources;
    const authorizer = new apigateway.TokenAuthorizer(this, id, {
      handler: this.function,
      identitySource: identitySourceExpressions(plan.identitySources, 'rest')[0] as string,
      validationRegex: header?.name.toLowerCase() === 'authorization' ? BEARER_TOKEN_PATTERN : BARE_TOKEN_PATTERN,
      resultsCacheTtl: this.resultsCacheTtl(options, 'policy', plan),
    });
    this.restAuthorizers.push(authorizer);
    return authorizer;
  }

  /**
   * A REST API `REQUEST` authorizer on this function, for a token in a query parameter or a cookie, several token
   * sources, or certificate binding: identity sources from `tokenSources` (one source: it, a cookie's being the
   * `Cookie` header; several: none, and no result cache).
   *
   * @example
   * ```ts
   * resource.addMethod('GET', integration, { authorizer: authorizer.requestAuthorizer() });
   * ```
   */
  requestAuthorizer(id = 'RequestAuthorizer', options: AuthorizerCacheOptions = {}): apigateway.RequestAuthorizer {
    const plan = this.plan('request');
    const identitySources = identitySourceExpressions(plan.identitySources, 'rest');
    const authorizer = new apigateway.RequestAuthorizer(this, id, {
      handler: this.function,
      identitySources,
      resultsCacheTtl: this.resultsCacheTtl(options, 'policy', plan),
    });
    // aws-cdk-lib writes no identity source as "": leave the property out, as API Gateway documents for no cache.
    if (identitySources.length === 0) {
      (authorizer.node.defaultChild as apigateway.CfnAuthorizer).addPropertyDeletionOverride('IdentitySource');
    }
    this.restAuthorizers.push(authorizer);
    return authorizer;
  }

  /**
   * An HTTP API `REQUEST` authorizer on this function: payload format 2.0, simple responses, identity sources from
   * `tokenSources` (default the `Authorization` header: a request without it gets 401 without invoking the
   * function).
   *
   * @example
   * ```ts
   * httpApi.addRoutes({ path: '/pets', integration, authorizer: authorizer.httpAuthorizer() });
   * ```
   */
  httpAuthorizer(id = 'HttpAuthorizer', options: AuthorizerCacheOptions = {}): HttpLambdaAuthorizer {
    if (this.settings.httpApiResponse === 'policy') {
      // aws-cdk-lib pairs IAM-policy responses with payload 1.0 only; payload 2.0 with policies needs an L1 authorizer.
      throw new Error('httpAuthorizer() makes a simple-response authorizer: leave httpApiResponse unset or "simple"');
    }
    const plan = this.plan('request');
    const authorizer = new HttpLambdaAuthorizer(id, this.function, {
      identitySource: identitySourceExpressions(plan.identitySources, 'http'),
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      resultsCacheTtl: this.resultsCacheTtl(options, 'simple', plan),
    });
    this.httpAuthorizers.push(authorizer);
    return authorizer;
  }

  /**
   * A WebSocket API authorizer on this function, for the `$connect` route: identity sources from `tokenSources`
   * (browsers cannot set headers on a WebSocket: `['query:token']`, or a cookie). WebSocket APIs cache no
   * authorizer results. The function allows `…/{stage}/*`, every route key of the stage.
   *
   * @throws {Error} with route rules (a connection has no HTTP route to decide on) or certificate binding (WebSocket
   * APIs have no mutual TLS): the function would fail every `$connect`.
   * @example
   * ```ts
   * new apigwv2.WebSocketApi(this, 'Ws', { connectRouteOptions: { integration, authorizer: authorizer.webSocketAuthorizer() } });
   * ```
   */
  webSocketAuthorizer(id = 'WebSocketAuthorizer'): WebSocketLambdaAuthorizer {
    if ((this.settings.routeRules ?? this.settings.routeScopes) !== undefined) {
      throw new Error(
        'webSocketAuthorizer(): route rules decide HTTP routes, which a WebSocket $connect has not: use a JwtAuthorizer without routeRules / routeScopes',
      );
    }
    if (this.settings.clientCertBinding === 'required') {
      throw new Error(
        'webSocketAuthorizer(): WebSocket APIs have no mutual TLS, so no token could be bound: leave clientCertBinding off',
      );
    }
    const plan = this.plan('request');
    return new WebSocketLambdaAuthorizer(id, this.function, {
      identitySource: identitySourceExpressions(plan.identitySources, 'websocket'),
    });
  }

  private plan(type: AuthorizerType): IdentitySourcePlan {
    const { tokenSources, clientCertBinding = 'off' } = this.settings;
    const sources = parseTokenSources(tokenSources?.join(',') ?? 'header:Authorization');
    return identitySourcePlan({ tokenSources: sources, clientCertBinding }, type);
  }

  private resultsCacheTtl(
    options: AuthorizerCacheOptions,
    response: 'policy' | 'simple',
    plan: IdentitySourcePlan,
  ): Duration {
    const method = this.settings.policyResource === 'method';
    // A simple response carries no policy: cached, the answer for one route would be reused on every route.
    const routeRules = response === 'simple' && (this.settings.routeRules ?? this.settings.routeScopes) !== undefined;
    const uncacheable = [
      // API Gateway reuses a cached policy on every route: one naming a single method makes the next route 403.
      method && 'policyResource "method" needs resultsCacheTtl 0: a cached per-method policy denies other routes',
      routeRules &&
        'route rules with simple responses need resultsCacheTtl 0: a cached isAuthorized answers every route of the API',
      plan.uncacheable && `resultsCacheTtl must be 0: ${plan.uncacheable}`,
    ].filter((reason): reason is string => typeof reason === 'string');
    const ttl = options.resultsCacheTtl ?? (uncacheable.length > 0 ? Duration.seconds(0) : DEFAULT_RESULTS_CACHE_TTL);
    if (ttl.toSeconds() > 0 && uncacheable[0] !== undefined) throw new Error(uncacheable[0]);
    return ttl;
  }

  private grantKeySource(props: JwtAuthorizerProps): void {
    const { ssmParameterName: name, kmsKeyArn } = props.keySource;
    if (name === undefined) return;
    const stack = Stack.of(this);
    const parameterArn =
      !Token.isUnresolved(name) && name.startsWith('arn:')
        ? name
        : stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: name.replace(/^\//, ''),
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }),
    );
    if (kmsKeyArn !== undefined) {
      // Decrypt only through SSM, and only this parameter's value: SSM puts the parameter's ARN in the
      // encryption context of every SecureString it encrypts.
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [kmsKeyArn],
          conditions: {
            StringEquals: {
              'kms:ViaService': `ssm.${stack.region}.${stack.urlSuffix}`,
              'kms:EncryptionContext:PARAMETER_ARN': parameterArn,
            },
          },
        }),
      );
    }
  }
}

/** The id of an HTTP authorizer once a route has bound it; none before (aws-cdk-lib throws on the getter). */
function attachedId(authorizer: HttpLambdaAuthorizer): string[] {
  try {
    return [authorizer.authorizerId];
  } catch {
    return [];
  }
}

/** The built authorizer: `dist/` of `@jwt-authorizer/authorizer`, without the zip made from the same files. */
function authorizerCode(): lambda.Code {
  const dist = join(dirname(fileURLToPath(import.meta.resolve('@jwt-authorizer/authorizer/package.json'))), 'dist');
  if (!existsSync(join(dist, 'index.mjs'))) {
    throw new Error(`${dist}/index.mjs is missing: build the authorizer first (pnpm turbo run build)`);
  }
  return lambda.Code.fromAsset(dist, { exclude: ['*.zip'] });
}

/**
 * A request for keys must end (KEY_FETCH_TIMEOUT_MS, 2 s by default) well before the function's timeout: the
 * authorizer sets no timer of its own per invocation, so the key fetch's timeout is what ends a hung endpoint with
 * a logged `key_source_timeout` rather than a Lambda timeout.
 */
function checkTimeouts(functionTimeout: Duration, keyFetchTimeout: Duration | undefined): void {
  if (functionTimeout.isUnresolved() || keyFetchTimeout?.isUnresolved()) return;
  const fetchMs = keyFetchTimeout?.toMilliseconds() ?? 2000;
  // OpenID discovery, then the JWKS: two requests may follow one another in one invocation, and a second to spare.
  if (2 * fetchMs + 1000 > functionTimeout.toMilliseconds()) {
    throw new Error(
      `keyFetchTimeout (${fetchMs} ms) must leave the function's timeout (${functionTimeout.toMilliseconds()} ms) ` +
        'room for two requests for keys and a second to spare: raise timeout or lower keyFetchTimeout',
    );
  }
}

/**
 * Runs the Lambda's own cold start over the environment, unless it holds values known only at deploy: the
 * configuration parser and the key source it names (inline keys are parsed; remote sources fetch nothing yet).
 */
function checkConfiguration(environment: Record<string, string>): void {
  if (Object.values(environment).some((value) => Token.isUnresolved(value))) return;
  createKeySource(parseConfig(environment));
}
