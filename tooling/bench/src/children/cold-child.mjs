// One cold start, as Lambda's init and first invoke: import the handler `input.file`, invoke it once with the
// TOKEN event `input.event`, check it allowed, report import and first-invoke milliseconds, exit. Plain
// JavaScript, so that nothing but the handler is loaded while the clock runs.
import { pathToFileURL } from 'node:url';
import { assertAllowed, context, input, report } from './lambda-context.mjs';

const url = pathToFileURL(input.file).href;
const started = performance.now();
const { handler } = await import(url);
const imported = performance.now();
const response = await handler(input.event, context);
const invoked = performance.now();
assertAllowed(input.file, response);
report({ importMs: imported - started, firstInvokeMs: invoked - imported });
// Keep-alive sockets would hold the process open for seconds; Lambda freezes it instead.
process.exit(0);
