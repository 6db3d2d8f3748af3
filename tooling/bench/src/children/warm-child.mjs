// Warm invocations of every contestant in one process, each timed alone with process.hrtime.bigint(). Input:
// { contestants: [{ name, file, env }], warmup, measured, repeated, repeatedOps, rounds, methodArn }.
// Each contestant is imported with only its own variables set (ours refuses two key sources) and invoked once
// with every warm-up token and the repeated one. The measured tokens are split into rounds; each round runs every
// contestant on its slice, then on `repeatedOps / rounds` invocations of the repeated token, in an order rotated
// per round, so a noisy moment or a GC does not always land on the same one. A measured token is verified once
// per contestant: no verified-token cache can hit it. Every event is a fresh object. Reports median and p99, ns.
import { pathToFileURL } from 'node:url';
import { assertAllowed, context, input, report, tokenEvent } from './lambda-context.mjs';

const baseEnv = { ...process.env };
const contestants = [];
for (const { name, file, env } of input.contestants) {
  for (const key of Object.keys(process.env)) if (!(key in baseEnv)) delete process.env[key];
  Object.assign(process.env, env);
  contestants.push({ name, handler: (await import(pathToFileURL(file).href)).handler, distinct: [], repeated: [] });
}

async function time({ name, handler }, tokens, samples) {
  for (const event of tokens.map((token) => tokenEvent(token, input.methodArn))) {
    const started = process.hrtime.bigint();
    const response = await handler(event, context);
    samples.push(Number(process.hrtime.bigint() - started));
    assertAllowed(name, response);
  }
}

for (const contestant of contestants) await time(contestant, [...input.warmup, input.repeated], []);
const perRound = Math.ceil(input.measured.length / input.rounds);
const repeated = Array(Math.ceil(input.repeatedOps / input.rounds)).fill(input.repeated);
for (let round = 0; round < input.rounds; round += 1) {
  const slice = input.measured.slice(round * perRound, (round + 1) * perRound);
  const shift = round % contestants.length;
  for (const contestant of [...contestants.slice(shift), ...contestants.slice(0, shift)]) {
    await time(contestant, slice, contestant.distinct);
    await time(contestant, repeated, contestant.repeated);
  }
}
const summarize = (samples) => {
  const sorted = samples.sort((a, b) => a - b);
  const half = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(half)] : (sorted[half - 1] + sorted[half]) / 2;
  return { ops: sorted.length, median, p99: sorted[Math.ceil(0.99 * sorted.length) - 1] };
};
report(
  contestants.map(({ name, distinct, repeated }) => ({
    name,
    distinct: summarize(distinct),
    repeated: summarize(repeated),
  })),
);
process.exit(0);
