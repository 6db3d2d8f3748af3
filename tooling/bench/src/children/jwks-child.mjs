// JWKS requests ours makes (JWKS_URI and the claims set by the parent) against the counting https server: 100
// concurrent valid tokens on a cold handler, its init included; a burst of 1,000 unknown kids on a warm one;
// unknown kids one after another for 30 s. Time is faked by moving Date.now, which the cooldown reads: past the
// cooldown before the burst and the flood, then forward by `floodStepMs` per request. Input: { entry, countUrl,
// tokens, floodStepMs, cooldownSeconds, methodArn }. Burst and flood counts exclude the warm-up fetch.
import { pathToFileURL } from 'node:url';
import { context, input, report, tokenEvent } from './lambda-context.mjs';

const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;
const count = async () => (await (await fetch(input.countUrl)).json()).count;
const [, payload] = input.tokens[0].split('.');
const header = (n) =>
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: `unknown-${n}` })).toString('base64url');
// A valid token's claims under a kid the set does not hold; the signature is never looked at.
const unknownKid = (n) => `${header(n)}.${payload}.c2ln`;

let instance = 0;
async function freshHandler() {
  // A query string makes a fresh module instance: a cold handler with a key source of its own.
  instance += 1;
  const { handler } = await import(`${pathToFileURL(input.entry).href}?instance=${instance}`);
  return (token) => handler(tokenEvent(token, input.methodArn), context);
}

async function requests(scenario) {
  const before = await count();
  await scenario();
  return (await count()) - before;
}

// From before the import: the init fetches the keys, ahead of the first request.
const concurrentCold = await requests(async () => {
  const cold = await freshHandler();
  await Promise.all(input.tokens.map((token) => cold(token)));
});
const warm = await freshHandler();
await warm(input.tokens[0]);
offsetMs += (input.cooldownSeconds + 1) * 1000;
const burst = () => Promise.allSettled(Array.from({ length: 1000 }, (_, n) => warm(unknownKid(n))));
const burstUnknownKids = await requests(burst);
const flooded = await freshHandler();
await flooded(input.tokens[0]);
offsetMs += (input.cooldownSeconds + 1) * 1000;
const floodUnknownKids = await requests(async () => {
  for (let elapsed = 0; elapsed <= 30_000; elapsed += input.floodStepMs) {
    await flooded(unknownKid(1000 + elapsed)).catch(() => undefined);
    offsetMs += input.floodStepMs;
  }
});
report({ concurrentCold, burstUnknownKids, floodUnknownKids });
process.exit(0);
