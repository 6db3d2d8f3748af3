// Counts JWKS requests made by our built handler (JWKS_URI) and by aws-jwt-verify for: 100 concurrent cold
// verifications, a burst of 1,000 unknown kids, and a 30 s flood of unknown kids. Time is faked by advancing
// `Date.now` (which jose's cooldown reads); aws-jwt-verify's penalty box waits on a timer, so it gets a penalty box
// with SimplePenaltyBox's exact rule (10 s after a failed kid) reading that same clock. Input JSON in argv[2],
// results written to argv[3]; stdout is /dev/null (our handler logs every refusal).
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startJwksServer } from '@jwt-authorizer/test-fixtures';
import { JwtVerifier } from 'aws-jwt-verify';
import { type PenaltyBox, SimpleJwksCache } from 'aws-jwt-verify/jwk';

/** What the orchestrator tells the JWKS child. */
export interface JwksChildInput {
  entry: string;
  publicJwk: Record<string, unknown>;
  issuer: string;
  audience: string;
  methodArn: string;
  /** Valid tokens signed by `publicJwk`'s key, at least `concurrent` of them. */
  tokens: string[];
  concurrent: number;
  burst: number;
  floodSeconds: number;
  floodStepMs: number;
  /** Our JWKS_COOLDOWN_SECONDS default; the clock is moved past it before the burst and the flood. */
  cooldownSeconds: number;
}

/** JWKS requests counted per scenario (the flood and burst counts exclude the warm-up fetch). */
export interface JwksCounts {
  concurrentCold: number;
  burstUnknownKids: number;
  floodUnknownKids: number;
}

/** What the JWKS child reports. */
export interface JwksChildOutput {
  ours: JwksCounts;
  awsJwtVerify: JwksCounts;
  floodRequests: number;
}

const input = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as JwksChildInput;
const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
let unknownIndex = 0;
/** A token naming a kid the set does not hold (its signature is never looked at). */
function unknownKidToken(): string {
  unknownIndex += 1;
  const now = Math.floor(realNow() / 1000);
  const payload = { sub: 'attacker', iss: input.issuer, aud: input.audience, iat: now, exp: now + 600 };
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: `unknown-${unknownIndex}` })}.${b64(payload)}.c2lnbmF0dXJl`;
}

type Verify = (token: string) => Promise<unknown>;
interface Contestant {
  /** A fresh verifier (no keys fetched yet) against `jwksUri`. */
  create(jwksUri: string): Promise<Verify>;
}

let instance = 0;
const ours: Contestant = {
  async create(jwksUri) {
    process.env['JWKS_URI'] = jwksUri;
    process.env['JWT_ALGORITHMS'] = 'RS256';
    process.env['JWT_ISSUER'] = input.issuer;
    process.env['JWT_AUDIENCE'] = input.audience;
    delete process.env['JWT_PUBLIC_KEY'];
    instance += 1;
    // A query string makes a fresh module instance: a cold handler with its own key source.
    const { handler } = (await import(`${pathToFileURL(input.entry).href}?instance=${instance}`)) as {
      handler: (event: unknown, context: unknown) => Promise<unknown>;
    };
    return (token) => handler({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: input.methodArn }, {});
  },
};

/** SimplePenaltyBox's rule (no fetch for a URI within 10 s of a failed kid), on the faked clock. */
function clockPenaltyBox(waitSeconds = 10): PenaltyBox {
  const until = new Map<string, number>();
  return {
    wait: async (jwksUri) => {
      if (Date.now() < (until.get(jwksUri) ?? 0)) throw new Error('still waiting for the back-off period to end');
    },
    registerFailedAttempt: (jwksUri) => {
      until.set(jwksUri, Date.now() + waitSeconds * 1000);
    },
    registerSuccessfulAttempt: (jwksUri) => {
      until.delete(jwksUri);
    },
  };
}

const awsJwtVerify: Contestant = {
  async create(jwksUri) {
    const jwksCache = new SimpleJwksCache({
      penaltyBox: clockPenaltyBox(),
      // Its own fetcher speaks https only; the loopback server is plain http.
      fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
    });
    const verifier = JwtVerifier.create({ issuer: input.issuer, audience: input.audience, jwksUri }, { jwksCache });
    return (token) => verifier.verify(token);
  },
};

async function count(contestant: Contestant): Promise<JwksCounts> {
  const server = await startJwksServer({ keys: [input.publicJwk] });
  try {
    const [first, ...rest] = input.tokens;
    // 1. Cold: `concurrent` valid tokens at once.
    const cold = await contestant.create(server.url.href);
    const results = await Promise.allSettled(input.tokens.slice(0, input.concurrent).map((token) => cold(token)));
    const refused = results.filter((result) => result.status === 'rejected');
    if (refused.length > 0)
      throw new Error(`valid tokens were refused: ${String((refused[0] as PromiseRejectedResult).reason)}`);
    const concurrentCold = server.count;

    // 2. Burst: warm (one fetch), past the cooldown, then `burst` unknown kids at once.
    const burst = await contestant.create(server.url.href);
    await burst(first ?? '');
    offsetMs += (input.cooldownSeconds + 1) * 1000;
    let before = server.count;
    await Promise.allSettled(Array.from({ length: input.burst }, () => burst(unknownKidToken())));
    const burstUnknownKids = server.count - before;

    // 3. Flood: warm, past the cooldown, then one unknown kid every `floodStepMs` of faked time, for floodSeconds.
    const flood = await contestant.create(server.url.href);
    await flood(rest[0] ?? first ?? '');
    offsetMs += (input.cooldownSeconds + 1) * 1000;
    before = server.count;
    for (let elapsed = 0; elapsed <= input.floodSeconds * 1000; elapsed += input.floodStepMs) {
      await flood(unknownKidToken()).catch(() => undefined);
      offsetMs += input.floodStepMs;
    }
    return { concurrentCold, burstUnknownKids, floodUnknownKids: server.count - before };
  } finally {
    await server.close();
  }
}

const output: JwksChildOutput = {
  ours: await count(ours),
  awsJwtVerify: await count(awsJwtVerify),
  floodRequests: Math.floor((input.floodSeconds * 1000) / input.floodStepMs) + 1,
};
writeFileSync(process.argv[3] ?? '', JSON.stringify(output));
