import type { ClaimValue } from './claim-matches.js';
import type { ClaimReference } from './claim-reference.js';

/** An HTTP method a route rule can name; `ANY` stands for every one of them. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** Every method `ANY` stands for: the verbs API Gateway routes (REST `ANY` methods, HTTP API `ANY` routes). */
export const ROUTE_METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** A key of `ROUTE_RULES` / `ROUTE_SCOPES` as a type: `"GET /pets"`, `"ANY /tenants/{tenant_id}/*"`. */
export type RouteKey = `${RouteMethod | 'ANY'} /${string}`;

/** One condition of a rule: the claim it reads and the values, any one of which satisfies it. */
export interface RouteCondition {
  /** The name as written: `scope`, `cognito:groups`, `https://example.com/roles`, `/realm_access/roles`. */
  claim: string;
  reference: ClaimReference;
  values: readonly ClaimValue[];
}

/** One segment of a rule's path. */
export type RouteSegment =
  | { kind: 'literal'; text: string }
  /** `{claim}`: stands for that claim of the token, checked before it goes into an ARN. */
  | { kind: 'placeholder'; claim: string; reference: ClaimReference }
  /** A last segment `*`: every path below, at any depth. */
  | { kind: 'wildcard' };

/**
 * One rule of `ROUTE_RULES` (or of `ROUTE_SCOPES`, its scope-only form): the routes it covers and the conditions
 * that permit them. A token is permitted the routes when every condition holds; no condition, every valid token is.
 */
export interface RouteRule {
  /** The rule as written (`"GET /tenants/{tenant_id}/*"`), for messages and logs. */
  route: string;
  /** The methods it covers (`ANY` expanded: IAM's `*` would cross `/` into the path). */
  methods: readonly RouteMethod[];
  /** The path without its leading slash, as written: placeholders unsubstituted, may end in `*`. */
  path: string;
  segments: readonly RouteSegment[];
  conditions: readonly RouteCondition[];
}
