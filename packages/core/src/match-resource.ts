/**
 * Whether an IAM resource pattern matches an ARN: `*` matches any run of characters (`/` included), `?` any one
 * character, everything else itself (IAM User Guide, "Resource" element). Used for HTTP API simple responses,
 * which carry no policy, so that they decide exactly as the equivalent policy would.
 *
 * @example
 * ```ts
 * matchResource('arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/admin/*', arn); // true for GET /admin/x
 * ```
 */
export function matchResource(pattern: string, arn: string): boolean {
  // The classic greedy wildcard match with one backtrack point: linear for patterns like these, no RegExp
  // compiled per request (it ran on every decision), and no backtracking blow-up whatever the pattern.
  // The literal head (an ARN prefix, in practice all but the last few characters) compared natively first.
  const wildcard = firstWildcard(pattern);
  if (!arn.startsWith(pattern.slice(0, wildcard))) return false;
  if (wildcard === pattern.length) return arn.length === pattern.length;
  let p = wildcard;
  let a = wildcard;
  let star = -1;
  let resume = 0;
  while (a < arn.length) {
    const c = pattern[p];
    if (c === '*') {
      star = p++;
      resume = a;
    } else if (c !== undefined && (c === '?' || c === arn[a])) {
      p += 1;
      a += 1;
    } else if (star >= 0) {
      p = star + 1;
      a = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

function firstWildcard(pattern: string): number {
  const star = pattern.indexOf('*');
  const mark = pattern.indexOf('?');
  if (star < 0) return mark < 0 ? pattern.length : mark;
  return mark < 0 ? star : Math.min(star, mark);
}
