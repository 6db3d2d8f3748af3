// Runs the built authorizer (apps/authorizer/dist/index.mjs) as Lambda would, with the configuration in the
// environment. Reads a JSON array of TOKEN events on stdin; writes a JSON array of results on stderr (the response,
// or the error's message), the handler's own log lines on stdout being swallowed.
import { dirname, join } from 'node:path';
import { text } from 'node:stream/consumers';
import { fileURLToPath, pathToFileURL } from 'node:url';

const events = JSON.parse(await text(process.stdin));
process.stdout.write = () => true;
const app = dirname(fileURLToPath(import.meta.resolve('@jwt-authorizer/authorizer/package.json')));
const { handler } = await import(pathToFileURL(join(app, 'dist/index.mjs')).href);
const results = [];
for (const event of events) {
  try {
    results.push({ response: await handler(event, {}) });
  } catch (error) {
    results.push({ error: error.message });
  }
}
console.error(JSON.stringify(results));
