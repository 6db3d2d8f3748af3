// One cold start, as Lambda's init + first invoke: import the handler named by argv[2], invoke it once with the
// TOKEN event in BENCH_EVENT, check it allowed, report on stderr, exit. Plain JavaScript: nothing but the handler
// is loaded (no type stripping, no harness). With BENCH_TRACE_MODULES=1 (an untimed run) it also reports every
// module file the handler loaded, to show which chunks a configuration evaluates.
import { registerHooks } from 'node:module';

const loaded = [];
if (process.env.BENCH_TRACE_MODULES === '1') {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) loaded.push(url);
      return nextLoad(url, context);
    },
  });
}
const started = performance.now();
const { handler } = await import(process.argv[2]);
const imported = performance.now();
const response = await handler(JSON.parse(process.env.BENCH_EVENT), {});
const invoked = performance.now();
if (response?.policyDocument?.Statement?.[0]?.Effect !== 'Allow') {
  process.stderr.write('the first invocation did not allow\n');
  process.exit(1);
}
process.stderr.write(
  `${JSON.stringify({ importMs: imported - started, firstInvokeMs: invoked - imported, totalMs: invoked - started, sinceStartMs: invoked, loaded })}\n`,
);
