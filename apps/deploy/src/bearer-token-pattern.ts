/**
 * The `identityValidationExpression` of the REST API's TOKEN authorizer: `Bearer <compact JWS>`.
 *
 * API Gateway tests it against the whole `Authorization` header value and answers 401 itself, without invoking
 * (or paying for) the Lambda, when it does not match. It therefore has to accept everything the Lambda could
 * accept and may refuse only what the Lambda would refuse anyway (`extractBearerToken` in `@jwt-authorizer/core`):
 * - the scheme is case-insensitive (RFC 7235 §2.1); written as character classes rather than an inline `(?i)`
 *   flag, so Java's regex engine (API Gateway's) and JavaScript's (these tests) read it the same way;
 * - one or more spaces separate scheme and token (`1*SP`);
 * - three base64url parts (RFC 7515 §7.1). The signature part must not be empty: an unsigned (`alg: none`) token is
 *   refused here, as the Lambda would refuse it (`unsigned_token`), only without a log line;
 * - anchored at both ends, so trailing text (`Bearer a.b.c, Basic x`) does not slip through.
 *
 * @example
 * ```ts
 * new apigateway.TokenAuthorizer(this, 'Auth', { handler, validationRegex: BEARER_TOKEN_PATTERN });
 * ```
 */
export const BEARER_TOKEN_PATTERN = '^[Bb][Ee][Aa][Rr][Ee][Rr] +[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';

/**
 * The `identityValidationExpression` of a TOKEN authorizer reading another header than `Authorization`: the bare
 * compact JWS, or `Bearer <jws>`, as the Lambda takes them from every other source; anchored and unsigned tokens
 * refused as {@link BEARER_TOKEN_PATTERN} is.
 *
 * @example
 * ```ts
 * new apigateway.TokenAuthorizer(this, 'Auth', { handler, identitySource: 'method.request.header.X-Api-Token', validationRegex: BARE_TOKEN_PATTERN });
 * ```
 */
export const BARE_TOKEN_PATTERN = '^(?:[Bb][Ee][Aa][Rr][Ee][Rr] +)?[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';
