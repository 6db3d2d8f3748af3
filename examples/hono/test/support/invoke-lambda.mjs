// Runs the built authorizer (apps/authorizer/dist/index.mjs) as Lambda would, with the configuration in the
// environment. Reads a JSON array of TOKEN events on stdin; writes a JSON array of outcomes on stderr
// (`allow`, `deny`, `unauthorized` or `error`), the handler's own log lines on stdout being swallowed.
import { dirname, join } from 'node:path';
import { text } from 'node:stream/consumers';
import { fileURLToPath, pathToFileURL } from 'node:url';

const events = JSON.parse(await text(process.stdin));
process.stdout.write = () => true;
const app = dirname(fileURLToPath(import.meta.resolve('@jwt-authorizer/authorizer/package.json')));
const { handler } = await import(pathToFileURL(join(app, 'dist/index.mjs')).href);
const outcomes = [];
for (const event of events) {
  try {
    const response = await handler(event, {});
    outcomes.push(response.policyDocument.Statement[0].Effect === 'Allow' ? 'allow' : 'deny');
  } catch (error) {
    outcomes.push(error.message === 'Unauthorized' ? 'unauthorized' : 'error');
  }
}
console.error(JSON.stringify(outcomes));
