/**
 * Every value of the cookie `name` in `Cookie` header values (or HTTP API 2.0's `cookies` entries, one pair each),
 * in the order sent; `[]` when there is none. A name is compared exactly (cookie names are case-sensitive).
 *
 * Each header is read as RFC 6265 §5.2's name-value-pair algorithm reads one pair, applied to every
 * `;`-separated pair of the `cookie-string` of §4.2.1: the name is what precedes the first `=`, the value what
 * follows it, both with leading and trailing spaces and tabs removed; a pair without `=` or with an empty name is
 * ignored. A value wrapped in double quotes (the `DQUOTE *cookie-octet DQUOTE` form of §4.1.1) loses them. Values
 * are not percent-decoded: RFC 6265 gives cookie values no encoding, and a JWT needs none.
 *
 * Hand-written rather than taken from the `cookie` package: that one keeps the first of two cookies with the same
 * name and drops the other without a word, where the caller must see both to refuse the pair (a cookie set from a
 * sibling domain is sent alongside the real one: RFC 6265 §8.6), it percent-decodes values, and this package
 * depends on nothing but jose.
 *
 * @example
 * ```ts
 * readCookie(['theme=dark; session="eyJ..."; session=eyJ...'], 'session'); // ['eyJ...', 'eyJ...']
 * ```
 */
export function readCookie(headers: readonly string[], name: string): string[] {
  const values: string[] = [];
  if (name === '') return values;
  for (const header of headers) {
    if (typeof header !== 'string') continue;
    for (const pair of header.split(';')) {
      const equals = pair.indexOf('=');
      if (equals < 0 || trimWhitespace(pair.slice(0, equals)) !== name) continue;
      values.push(unquote(trimWhitespace(pair.slice(equals + 1))));
    }
  }
  return values;
}

// RFC 6265 §5.2 removes WSP (SP and HTAB) only, not every Unicode space as String.prototype.trim does.
function trimWhitespace(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
