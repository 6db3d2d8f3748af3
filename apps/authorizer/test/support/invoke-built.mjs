// Runs the built artefact as Lambda would: a plain `node` process importing dist/index.mjs with the configuration
// in its environment. Reads a JSON array of events on stdin; prints one JSON line on stderr: per event the response
// or the error message, and the built-in modules the process loaded (`process.moduleLoadList`). The handler's log
// lines go to stdout untouched, as in Lambda, where the caller reads them: tests see exactly what API Gateway and
// CloudWatch would.
import { text } from 'node:stream/consumers';
import { pathToFileURL } from 'node:url';

const events = JSON.parse(await text(process.stdin));

const results = [];
let handler;
try {
  const entry = process.argv[2] ? pathToFileURL(process.argv[2]) : new URL('../../dist/index.mjs', import.meta.url);
  ({ handler } = await import(entry.href));
} catch (error) {
  results.push({ initError: { name: error.name, message: error.message } });
}
for (const event of handler ? events : []) {
  try {
    results.push({ response: await handler(event, {}) });
  } catch (error) {
    results.push({ error: { name: error.name, message: error.message } });
  }
}
console.error(JSON.stringify({ results, modules: process.moduleLoadList }));
