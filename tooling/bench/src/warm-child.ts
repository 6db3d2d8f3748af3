// One warm-verification run for one algorithm: every contestant in this one process, interleaved in rounds so a
// noisy moment hurts them all alike. Configured by a JSON file (argv[2]); writes its results to argv[3]. Its
// stdout is /dev/null: our handler writes a log line per decision, and that write is part of its cost.
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Stats, summarize } from './summarize.ts';
import { createLimitVerifier } from './verify-limit.ts';

/** What the orchestrator tells a warm child. */
export interface WarmChildInput {
  alg: 'RS256' | 'PS256' | 'ES256' | 'EdDSA';
  publicPem: string;
  issuer: string;
  audience: string;
  methodArn: string;
  /** Verified once each before measuring (JIT, caches, lazy init). */
  warmupTokens: string[];
  /** Each verified exactly once per contestant: no verified-token cache can hit. */
  tokens: string[];
  /** Verified `repeatedOps` times per contestant (after the warm-up verified it once). */
  repeatedToken: string;
  repeatedOps: number;
  rounds: number;
  contestants: Array<
    | { name: string; kind: 'limit'; variant?: 'bare' | 'options-object' | 'ieee-p1363' }
    | { name: string; kind: 'handler'; entry: string }
    /** Our core library alone, as another service uses it: `verifyToken`, or `createTokenVerifier` (cached). */
    | { name: string; kind: 'core'; cached: boolean }
  >;
}

/** What a warm child reports. */
export interface WarmChildOutput {
  alg: string;
  /** Cost of the timer itself (a pair of `process.hrtime.bigint()` calls), not subtracted. */
  timerOverheadNs: number;
  contestants: Array<{ name: string; distinct: Stats; repeated: Stats }>;
}

type Operation = (token: string) => unknown;
interface Contestant {
  name: string;
  sync: boolean;
  run: Operation;
}

const input = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as WarmChildInput;
const contestants: Contestant[] = [];
for (const spec of input.contestants) {
  if (spec.kind === 'limit') {
    const verifyLimit = createLimitVerifier({
      alg: input.alg,
      key: createPublicKey(input.publicPem),
      issuer: input.issuer,
      audience: input.audience,
      variant: spec.variant ?? 'bare',
    });
    contestants.push({ name: spec.name, sync: true, run: verifyLimit });
  } else if (spec.kind === 'core') {
    const core = await import('@jwt-authorizer/core');
    const { createInlineKeySource } = await import('@jwt-authorizer/key-source');
    const algorithms = [input.alg];
    const keySource = createInlineKeySource(input.publicPem, { algorithms });
    const options = { algorithms, issuer: [input.issuer], audience: [input.audience] };
    const verifier = core.createTokenVerifier(keySource, options);
    contestants.push({
      name: spec.name,
      sync: false,
      run: spec.cached ? verifier : (token) => core.verifyToken(token, keySource, options),
    });
  } else {
    const { handler } = (await import(pathToFileURL(spec.entry).href)) as {
      handler: (event: unknown, context: unknown) => Promise<unknown>;
    };
    const { methodArn } = input;
    const context = {};
    contestants.push({
      name: spec.name,
      sync: false,
      run: (token) => handler({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn }, context),
    });
  }
}

function assertAllowed(name: string, result: unknown): void {
  if (result === undefined || result === null) throw new Error(`${name} returned nothing`);
  const effect = (result as { policyDocument?: { Statement?: Array<{ Effect?: string }> } }).policyDocument
    ?.Statement?.[0]?.Effect;
  if (effect !== undefined && effect !== 'Allow') throw new Error(`${name} did not allow a valid token`);
}

async function time(contestant: Contestant, tokens: readonly string[], samples: Float64Array, at: number) {
  const { run, name } = contestant;
  let index = at;
  for (const token of tokens) {
    let result: unknown;
    let started: bigint;
    if (contestant.sync) {
      started = process.hrtime.bigint();
      result = run(token);
    } else {
      started = process.hrtime.bigint();
      result = await run(token);
    }
    samples[index] = Number(process.hrtime.bigint() - started);
    index += 1;
    assertAllowed(name, result);
  }
}

// Warm-up: every contestant sees the warm-up tokens and the repeated token once.
for (const contestant of contestants) {
  for (const token of [...input.warmupTokens, input.repeatedToken]) {
    assertAllowed(contestant.name, await contestant.run(token));
  }
}

const measured = contestants.map((contestant) => ({
  contestant,
  distinct: new Float64Array(input.tokens.length),
  repeated: new Float64Array(input.repeatedOps),
}));
const perRound = Math.ceil(input.tokens.length / input.rounds);
const repeatedPerRound = Math.ceil(input.repeatedOps / input.rounds);
for (let round = 0; round < input.rounds; round += 1) {
  const slice = input.tokens.slice(round * perRound, (round + 1) * perRound);
  const repeatedCount = Math.max(0, Math.min(repeatedPerRound, input.repeatedOps - round * repeatedPerRound));
  const same = new Array<string>(repeatedCount).fill(input.repeatedToken);
  // Rotate the order each round: no contestant always runs right after another's garbage.
  const order = [...measured.slice(round % measured.length), ...measured.slice(0, round % measured.length)];
  for (const { contestant, distinct, repeated } of order) {
    await time(contestant, slice, distinct, round * perRound);
    await time(contestant, same, repeated, round * repeatedPerRound);
  }
}

const overhead = new Float64Array(10_000);
for (let index = 0; index < overhead.length; index += 1) {
  const started = process.hrtime.bigint();
  overhead[index] = Number(process.hrtime.bigint() - started);
}

const output: WarmChildOutput = {
  alg: input.alg,
  timerOverheadNs: summarize(overhead).medianNs,
  contestants: measured.map(({ contestant, distinct, repeated }) => ({
    name: contestant.name,
    distinct: summarize(distinct),
    repeated: summarize(repeated),
  })),
};
writeFileSync(process.argv[3] ?? '', JSON.stringify(output));
