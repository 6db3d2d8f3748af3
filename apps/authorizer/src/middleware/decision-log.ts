import { describeToken, TokenError } from '@jwt-authorizer/core';
import type { MiddlewareObj, Request } from '@middy/core';
import type { AuthorizerResponse } from '../authorize.js';
import type { DecisionContext, DecisionFacts } from '../decision-facts.js';
import type { LineMetrics } from '../embedded-metrics.js';
import type { AuthorizerEvent } from '../events/read-event.js';
import type { Log } from '../log.js';

// Decisions are counted by outcome, and by outcome and reason code: a closed set, so a bounded number of series.
const DIMENSIONS = [['outcome'], ['outcome', 'reason']];
const OUTCOME_ONLY = [['outcome']];

/**
 * The metrics every decision line carries: refusals are counted here, not only as Lambda errors. One object per
 * kind of line, its duration set before each (synchronous) write: nothing is allocated for them per request.
 */
function decisionMetrics(dimensions: string[][]) {
  const durationMs = { value: 0, unit: 'Milliseconds' as const };
  const metrics: LineMetrics = { dimensions, values: { decisions: { value: 1, unit: 'Count' }, durationMs } };
  return (ms: number) => {
    durationMs.value = ms;
    return metrics;
  };
}
// allow and deny lines have no reason field, so they are counted by outcome only
const allowOrDenyMetrics = decisionMetrics(OUTCOME_ONLY);
const refusalMetrics = decisionMetrics(DIMENSIONS);

/**
 * A monotonic clock in milliseconds. Not `performance.now()`: the global `performance` loads node:perf_hooks on
 * first use, about 1.5 ms of every cold start.
 */
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** The fields of an allow or deny line. */
type DecisionFields = ReturnType<typeof decisionFields>;

// One object literal, no spreads: JSON.stringify leaves out the members that are undefined (rule, omittedClaims).
const decisionFields = (facts: DecisionFacts) => ({
  outcome: facts.outcome,
  format: facts.format,
  tokenSource: facts.tokenSource,
  coversRequest: facts.coversRequest,
  rule: facts.rule,
  principal: facts.principalId,
  kid: facts.kid,
  iss: facts.iss,
  omittedClaims: facts.omittedClaims,
});

const sameFacts = (fields: DecisionFields, facts: DecisionFacts) =>
  fields.outcome === facts.outcome &&
  fields.format === facts.format &&
  fields.tokenSource === facts.tokenSource &&
  fields.coversRequest === facts.coversRequest &&
  fields.rule === facts.rule &&
  fields.principal === facts.principalId &&
  fields.kid === facts.kid &&
  fields.iss === facts.iss &&
  fields.omittedClaims === facts.omittedClaims;

/** What this middleware keeps per request in middy's `request.internal`. */
export type DecisionLogInternal = { startedAt?: number };
type DecisionRequest = Request<AuthorizerEvent, AuthorizerResponse, Error, DecisionContext, DecisionLogInternal>;

/**
 * Logs one JSON line per decision: outcome, reason code, `kid`, `iss`, principal, duration; never the token. It
 * gives the authorize step an empty record of facts (`context.decision`) before, and reads it after: it changes
 * nothing of the response.
 *
 * @example
 * ```ts
 * middy<AuthorizerEvent, AuthorizerResponse, Error, DecisionContext>().use(decisionLog({ log })).handler(...);
 * ```
 */
export function decisionLog({
  log,
}: {
  log: Log;
}): MiddlewareObj<AuthorizerEvent, AuthorizerResponse, Error, DecisionContext, DecisionLogInternal> {
  const decisionLogBefore = (request: DecisionRequest) => {
    request.internal.startedAt = nowMs();
    request.context.decision = {};
  };
  const elapsed = (request: DecisionRequest) =>
    Math.round((nowMs() - (request.internal.startedAt ?? nowMs())) * 1000) / 1000;

  // The fields of the last allow or deny line. The same facts again (a client calling the same route with the same
  // token) pass the same object, which the log serializes once.
  let last: DecisionFields | undefined;
  const decisionLogAfter = (request: DecisionRequest) => {
    const facts = request.context.decision ?? {};
    const durationMs = elapsed(request);
    if (last === undefined || !sameFacts(last, facts)) last = decisionFields(facts);
    log(facts.outcome === 'allow' ? 'INFO' : 'WARN', 'authorization decision', last, allowOrDenyMetrics(durationMs));
  };

  const decisionLogOnError = (request: DecisionRequest) => {
    const error = request.error as Error & { code?: unknown };
    const refused = error instanceof TokenError;
    const { token, format, tokenSource } = request.context.decision ?? {};
    // What can be read of a refused token, unverified, to tell which client or issuer sent it. Never the token.
    const described = refused && token !== undefined ? describeToken(token) : {};
    const durationMs = elapsed(request);
    log(
      refused ? 'WARN' : 'ERROR',
      refused ? 'authorization refused' : 'authorization failed',
      {
        outcome: refused ? 'unauthorized' : 'error',
        reason: typeof error.code === 'string' ? error.code : error.name,
        detail: error.message,
        format,
        ...(tokenSource !== undefined && { tokenSource }),
        kid: described.kid,
        iss: described.iss,
      },
      refusalMetrics(durationMs),
    );
  };

  return { before: decisionLogBefore, after: decisionLogAfter, onError: decisionLogOnError };
}
