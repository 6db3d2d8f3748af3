import type { Context } from 'aws-lambda';
import type { EventFormat } from './events/read-event.js';

/**
 * What one request decided, recorded by the authorize step as it learns it and read by the decision log: the log
 * line is made of facts, never of a second reading of the event or the token.
 */
export interface DecisionFacts {
  format?: EventFormat;
  /** The token source the token was read from, as `TOKEN_SOURCES` writes it (`cookie:session`). */
  tokenSource?: string;
  /** The token taken from the credential: kept only so that a refused token's `kid` and `iss` can be described. */
  token?: string;
  principalId?: string;
  kid?: string | undefined;
  iss?: string | undefined;
  /** `deny`: a valid token that no route rule permits here (API Gateway answers 403). */
  outcome?: 'allow' | 'deny';
  /** Whether the response lets this very request through (an Allow listing only other routes is a 403 here). */
  coversRequest?: boolean;
  /** With route rules: the rule, as written, that permits this very request (`"GET /tenants/{tenant_id}/*"`). */
  rule?: string;
  /** Claims left out of the context because they did not fit its budget. */
  omittedClaims?: string[];
}

/**
 * The Lambda context as the pipeline hands it to the authorize step: with the facts of the request being decided,
 * a new record per request put there by the decision log's `before` (Middy's way of passing per-request values from a middleware to the
 * handler: https://middy.js.org/docs/best-practices/internal-context).
 */
export interface DecisionContext extends Context {
  decision?: DecisionFacts;
}
