/**
 * A header's value, its name compared case-insensitively (RFC 9110 §5.1): REST APIs pass headers as the client
 * wrote them, HTTP API 2.0 lower-cases them. Maps may be `null` (REST REQUEST events without headers). Falls back
 * to the first value of the multi-value map.
 *
 * @example
 * ```ts
 * findHeader(event.headers, 'authorization', event.multiValueHeaders); // 'Bearer eyJ...'
 * ```
 */
export function findHeader(
  headers: Readonly<Record<string, string | undefined>> | null | undefined,
  name: string,
  multiValueHeaders?: Readonly<Record<string, string[] | undefined>> | null,
): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === wanted && typeof value === 'string') return value;
  }
  for (const [key, values] of Object.entries(multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && Array.isArray(values) && typeof values[0] === 'string') return values[0];
  }
  return undefined;
}
