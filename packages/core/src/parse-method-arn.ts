import { MethodArnError } from './errors.js';

/** The parts of an execute-api method ARN (`methodArn` of REST events, `routeArn` of HTTP API events). */
export interface MethodArn {
  partition: string;
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  /** HTTP verb as API Gateway wrote it (`GET`, ...). */
  method: string;
  /** Resource path without its leading slash; `''` for the root. */
  resourcePath: string;
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
// arn:{partition}:execute-api:{region}:{account-id}:{api-id}/{stage}/{http-method}/{resource-path}
// No segment may hold IAM wildcards (`*`, `?`): a policy built from this ARN would then grant more than asked.
const METHOD_ARN =
  /^arn:(aws[a-z-]*):execute-api:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):([A-Za-z0-9]+)\/([A-Za-z0-9_$-]+)\/([A-Z]+)\/([^*?]*)$/;

/**
 * Splits an execute-api method ARN into its parts.
 *
 * @throws {MethodArnError} when `arn` is not a method ARN.
 * @example
 * ```ts
 * parseMethodArn('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/pets/1').stage; // 'prod'
 * ```
 */
export function parseMethodArn(arn: string): MethodArn {
  const match = METHOD_ARN.exec(arn);
  if (!match) throw new MethodArnError(`not an execute-api method ARN: ${JSON.stringify(arn.slice(0, 200))}`);
  const [, partition = '', region = '', accountId = '', apiId = '', stage = '', method = '', resourcePath = ''] = match;
  return { partition, region, accountId, apiId, stage, method, resourcePath };
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
