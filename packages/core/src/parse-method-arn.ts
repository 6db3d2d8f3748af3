import { MethodArnError } from './errors.js';

/** The parts of an execute-api method ARN (`methodArn` of REST events, `routeArn` of HTTP API events). */
export interface MethodArn {
  partition: string;
  region: string;
  /** As it came: API Gateway sends 12 digits, emulators a placeholder (serverless-offline: `random-account-id`). */
  accountId: string;
  /** As it came: API Gateway sends 10 alphanumerics, emulators a placeholder (`random-api-id`). */
  apiId: string;
  stage: string;
  /** HTTP verb as API Gateway wrote it (`GET`, ...). */
  method: string;
  /** Resource path without its leading slash; `''` for the root. */
  resourcePath: string;
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
// arn:{partition}:execute-api:{region}:{account-id}:{api-id}/{stage}/{http-method}/{resource-path}
// Account, API id and stage are taken as they come, so that the authorizer works behind local emulators, whose
// placeholders are neither 12 digits nor alphanumeric. The policy is built from these parts as they are, so each
// must be non-empty printable ASCII holding none of IAM's wildcards (`*`, `?`: a policy would grant more than
// asked), neither of the ARN's separators (`:`, `/`: a part would shift into the next one, naming another API
// or stage) and no brace (`${...}` is an IAM policy variable, IAM User Guide "Policy variables"). The resource
// path may hold anything but a wildcard.
const PART = '(?:(?![*?:/{}])[!-~])+';
const STAGE_PREFIX = `^arn:(aws[a-z-]*):execute-api:([a-z]{2}(?:-[a-z]+)+-\\d+):(${PART}):(${PART})/(${PART})/`;
const METHOD_ARN = new RegExp(`${STAGE_PREFIX}([A-Z]+)/([^*?]*)$`);
// WebSocket APIs call a Lambda authorizer on $connect only, with no method and no path
// (apigateway-websocket-api-lambda-auth.html): arn:{partition}:execute-api:{region}:{account-id}:{api-id}/{stage}/$connect
const CONNECT_ARN = new RegExp(`${STAGE_PREFIX}\\$connect$`);

/**
 * Splits an execute-api method ARN into its parts. Account, API id and stage are taken as they come (emulators send
 * placeholders), as long as none of them could make a policy built from them name more than the calling API stage.
 *
 * @throws {MethodArnError} when `arn` is not a method ARN.
 * @example
 * ```ts
 * parseMethodArn('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/pets/1').stage; // 'prod'
 * parseMethodArn('arn:aws:execute-api:us-east-1:random-account-id:random-api-id/prod/GET/pets').apiId; // 'random-api-id'
 * ```
 */
export function parseMethodArn(arn: string): MethodArn {
  const match = METHOD_ARN.exec(arn);
  if (!match) throw new MethodArnError(`not an execute-api method ARN: ${JSON.stringify(arn.slice(0, 200))}`);
  const [, partition = '', region = '', accountId = '', apiId = '', stage = '', method = '', resourcePath = ''] = match;
  return { partition, region, accountId, apiId, stage, method, resourcePath };
}

/** The parts of a WebSocket API's `$connect` ARN (`methodArn` of its REQUEST authorizer's events). */
export interface ConnectArn {
  partition: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  route: '$connect';
}

/**
 * Splits a WebSocket `$connect` ARN into its parts, with the same rules for account, API id and stage as
 * {@link parseMethodArn}.
 *
 * @throws {MethodArnError} when `arn` is not a `$connect` ARN.
 * @example
 * ```ts
 * parseConnectArn('arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect').stage; // 'default'
 * ```
 */
export function parseConnectArn(arn: string): ConnectArn {
  const match = CONNECT_ARN.exec(arn);
  if (!match) throw new MethodArnError(`not a WebSocket $connect ARN: ${JSON.stringify(arn.slice(0, 200))}`);
  const [, partition = '', region = '', accountId = '', apiId = '', stage = ''] = match;
  return { partition, region, accountId, apiId, stage, route: '$connect' };
}

/**
 * Whether an ARN is a well-formed WebSocket `$connect` ARN, which {@link parseConnectArn} accepts. A REST route
 * whose path is `/$connect` (`…/prod/GET/$connect`) is not one.
 *
 * @example
 * ```ts
 * isConnectArn(event.methodArn); // true for a WebSocket API's $connect authorizer
 * ```
 */
export function isConnectArn(arn: string): boolean {
  return CONNECT_ARN.test(arn);
}

/**
 * The inverse of {@link parseConnectArn}; with `route: '*'`, every route key of the stage (the `stage` policy).
 *
 * @example
 * ```ts
 * formatConnectArn({ ...parseConnectArn(arn), route: '*' }); // 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*'
 * ```
 */
export function formatConnectArn(arn: ConnectArn | (Omit<ConnectArn, 'route'> & { route: '*' })): string {
  const { partition, region, accountId, apiId, stage, route } = arn;
  return `arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}/${route}`;
}

/**
 * The inverse of {@link parseMethodArn}.
 *
 * @example
 * ```ts
 * formatMethodArn({ ...parseMethodArn(arn), method: '*', resourcePath: '*' }); // every route of the stage
 * ```
 */
export function formatMethodArn(arn: MethodArn): string {
  const { partition, region, accountId, apiId, stage, method, resourcePath } = arn;
  return `arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}/${method}/${resourcePath}`;
}
