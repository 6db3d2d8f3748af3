import { describeToken, TokenError } from '@jwt-authorizer/core';
import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Decision } from '../authorize.js';
import type { LineMetrics } from '../embedded-metrics.js';
import { type AuthorizerEvent, readCredential } from '../events/read-event.js';
import type { Log } from '../log.js';

// Decisions are counted by outcome, and by outcome and reason code: a closed set, so a bounded number of series.
const DIMENSIONS = [['outcome'], ['outcome', 'reason']];
const OUTCOME_ONLY = [['outcome']];

/** The metrics every decision line carries: refusals are counted here, not only as Lambda errors. */
function decisionMetrics(dimensions: string[][], durationMs: number): LineMetrics {
  return {
    dimensions,
    values: { decisions: { value: 1, unit: 'Count' }, durationMs: { value: durationMs, unit: 'Milliseconds' } },
  };
}

/** What this middleware keeps per request in middy's `request.internal`. */
export type DecisionLogInternal = { startedAt?: number };
type DecisionRequest = Request<AuthorizerEvent, unknown, Error, Context, DecisionLogInternal>;

/**
 * Logs one JSON line per decision: outcome, reason code, `kid`, `iss`, principal, duration; never the token.
 * Unwraps the handler's {@link Decision} into the response API Gateway receives.
 *
 * @example
 * ```ts
 * middy(authorize).use(decisionLog({ log }));
 * ```
 */
export function decisionLog({
  log,
}: {
  log: Log;
}): MiddlewareObj<AuthorizerEvent, unknown, Error, Context, DecisionLogInternal> {
  const decisionLogBefore = (request: DecisionRequest) => {
    request.internal.startedAt = performance.now();
  };
  const elapsed = (request: DecisionRequest) =>
    Math.round((performance.now() - (request.internal.startedAt ?? performance.now())) * 1000) / 1000;

  const decisionLogAfter = (request: DecisionRequest) => {
    const decision = request.response as Decision;
    log(
      decision.outcome === 'allow' ? 'INFO' : 'WARN',
      'authorization decision',
      {
        outcome: decision.outcome,
        format: decision.format,
        coversRequest: decision.coversRequest,
        principal: decision.principalId,
        kid: decision.kid,
        iss: decision.iss,
        ...(decision.omittedClaims.length > 0 && { omittedClaims: decision.omittedClaims }),
        durationMs: elapsed(request),
      },
      // allow and deny lines have no reason field, so they are counted by outcome only
      decisionMetrics(OUTCOME_ONLY, elapsed(request)),
    );
    request.response = decision.response;
  };

  const decisionLogOnError = (request: DecisionRequest) => {
    const error = request.error as Error & { code?: unknown };
    const refused = error instanceof TokenError;
    const token = readCredential(request.event) ?? '';
    // What can be read of a refused token, unverified, to tell which client or issuer sent it. Never the token.
    const described = refused && /^bearer /i.test(token) ? describeToken(token.slice(7).trim()) : {};
    log(
      refused ? 'WARN' : 'ERROR',
      refused ? 'authorization refused' : 'authorization failed',
      {
        outcome: refused ? 'unauthorized' : 'error',
        reason: typeof error.code === 'string' ? error.code : error.name,
        detail: error.message,
        kid: described.kid,
        iss: described.iss,
        durationMs: elapsed(request),
      },
      decisionMetrics(DIMENSIONS, elapsed(request)),
    );
  };

  return { before: decisionLogBefore, after: decisionLogAfter, onError: decisionLogOnError };
}
