// Runs a handler through lambda-local's programmatic API, in a process of its own: lambda-local sets the
// environment variables it is given on process.env before it imports the handler, as Lambda does before the init.
// Reads { lambdaPath, environment, events } on stdin; prints one JSON line on stderr: per event the
// response, or the error lambda-local reports (Lambda's { errorType, errorMessage }). The handler's log lines go to
// stdout, where the caller reads them.
import { text } from 'node:stream/consumers';
import lambdaLocal from 'lambda-local';

const { lambdaPath, environment, events } = JSON.parse(await text(process.stdin));

const results = [];
for (const event of events) {
  try {
    // verboseLevel -1: lambda-local prints nothing of its own, and leaves the handler's output alone.
    const response = await lambdaLocal.execute({
      event,
      lambdaPath,
      lambdaHandler: 'handler',
      esm: true,
      environment,
      timeoutMs: 10_000,
      verboseLevel: -1,
    });
    results.push({ response });
  } catch (error) {
    results.push({ error });
  }
}
console.error(JSON.stringify({ results }));
