// Peak RSS of one handler over many invocations, alone in its process (started with Lambda's heap flags). Input:
// { file, tokensFile (a token per line: one string read, the least the harness can hold), invocations,
// methodArn }; every invocation gets a fresh event, as in Lambda, with the tokens in turn. Reports the peak
// resident set (getrusage's ru_maxrss, KiB).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { assertAllowed, context, input, report, tokenEvent } from './lambda-context.mjs';

const { file, tokensFile, invocations, methodArn } = input;
const tokens = readFileSync(tokensFile, 'utf8').split('\n');
const { handler } = await import(pathToFileURL(file).href);
for (let index = 0; index < invocations; index += 1) {
  assertAllowed(file, await handler(tokenEvent(tokens[index % tokens.length], methodArn), context));
}
report({ maxRssKiB: process.resourceUsage().maxRSS });
process.exit(0);
