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
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(arn);
}
