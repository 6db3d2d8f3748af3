import { TokenError } from '@jwt-authorizer/core';
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';

/**
 * Turns every refusal of the token into the one error API Gateway answers with 401: `Error('Unauthorized')`,
 * that exact message (API Gateway's contract: docs/configuration.md, Outcomes). Every other error (key source, configuration, middy's early timeout) stays what
 * it is, and API Gateway answers 500: never an Allow.
 *
 * @example
 * ```ts
 * middy(authorize).use(unauthorized());
 * ```
 */
export function unauthorized<TEvent, TInternal extends Record<string, unknown>>(): MiddlewareObj<
  TEvent,
  unknown,
  Error,
  Context,
  TInternal
> {
  const unauthorizedOnError = (request: Request<TEvent, unknown, Error, Context, TInternal>) => {
    if (request.error instanceof TokenError) request.error = new Error('Unauthorized');
  };
  return { onError: unauthorizedOnError };
}
