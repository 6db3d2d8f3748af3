import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConnectArn,
  formatConnectArn,
  formatMethodArn,
  type MethodArn,
  MethodArnError,
  matchResource,
  parseConnectArn,
  parseMethodArn,
  policyResource,
} from '../src/index.js';

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const chars = (alphabet: string, minLength = 1, maxLength = 12) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alnum = `${lower}ABCDEFGHIJKLMNOPQRSTUVWXYZ${digits}`;

// Placeholders as emulators write them (serverless-offline: random-account-id, random-api-id).
const placeholder = chars(`${alnum}-_.~$`, 1, 20);
const region = fc
  .tuple(chars(lower, 2, 2), fc.array(chars(lower, 1, 9), { minLength: 1, maxLength: 3 }), fc.nat(9))
  .map(([area, words, n]) => `${area}-${words.join('-')}-${n}`);

/** Parts of a method ARN as API Gateway writes them (arn-format-reference), or as an emulator does. */
const methodArn: fc.Arbitrary<MethodArn> = fc.record({
  partition: fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
  region,
  accountId: fc.oneof(chars(digits, 12, 12), placeholder),
  apiId: fc.oneof(chars(alnum, 1, 10), placeholder),
  stage: fc.oneof(chars(`${alnum}_$-`, 1, 16), placeholder),
  method: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1, 7),
  resourcePath: fc.string({ unit: fc.constantFrom(...`${alnum}/-_.~%{}+`), maxLength: 40 }),
});

// Parts as anyone may write them: empty, or holding wildcards, separators, braces, spaces, non-ASCII.
const hostile = fc.string({ unit: fc.constantFrom(...`${alnum}-_$*?:/{} \n\tä`), maxLength: 8 });
/** Parts of which account, API id and stage (and the path) may be anything. */
const anyArn: fc.Arbitrary<MethodArn> = fc.record({
  partition: fc.constantFrom('aws', 'aws-cn'),
  region: fc.constantFrom('us-east-1', 'eu-west-1'),
  accountId: fc.oneof(chars(digits, 12, 12), placeholder, hostile),
  apiId: fc.oneof(chars(alnum, 1, 10), placeholder, hostile),
  stage: fc.oneof(fc.constantFrom('prod', '$default'), placeholder, hostile),
  method: fc.constantFrom('GET', 'POST'),
  resourcePath: fc.oneof(fc.constantFrom('', 'pets', 'pets/{id}'), hostile),
});

/** The parts, or `undefined` when parseMethodArn refuses the ARN (always with MethodArnError). */
function tryParse(arn: string): MethodArn | undefined {
  try {
    return parseMethodArn(arn);
  } catch (error) {
    expect(error).toBeInstanceOf(MethodArnError);
    return undefined;
  }
}

describe('parseMethodArn (properties)', () => {
  it('round-trips every well-formed method ARN: parse(format(parts)) equals parts', () => {
    fc.assert(
      fc.property(methodArn, (parts) => {
        expect(parseMethodArn(formatMethodArn(parts))).toEqual(parts);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips whatever it accepts: format(parse(arn)) equals arn, else it throws MethodArnError', () => {
    const noisy = fc.oneof(
      fc.string({ unit: 'binary' }),
      methodArn.chain((parts) =>
        fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 3 })).map(([at, noise]) => {
          const arn = formatMethodArn(parts);
          const index = at % (arn.length + 1);
          return `${arn.slice(0, index)}${noise}${arn.slice(index)}`;
        }),
      ),
    );
    fc.assert(
      fc.property(noisy, (arn) => {
        let parts: MethodArn;
        try {
          parts = parseMethodArn(arn);
        } catch (error) {
          expect(error).toBeInstanceOf(MethodArnError);
          return;
        }
        expect(formatMethodArn(parts)).toBe(arn);
        for (const value of Object.values(parts)) expect(value).not.toMatch(/[*?]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('lets no wildcard reach a formatted ARN, whatever the parts: the policies built hold only their own', () => {
    fc.assert(
      fc.property(anyArn, (parts) => {
        const arn = formatMethodArn(parts);
        if (!tryParse(arn)) return;
        expect(policyResource('method', arn)).not.toMatch(/[*?]/);
        const stage = policyResource('stage', arn);
        expect(stage.endsWith('/*/*')).toBe(true);
        expect(stage.slice(0, -'/*/*'.length)).not.toMatch(/[*?]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('derives a stage policy that matches no ARN of another partition, region, account, API or stage', () => {
    const site = ({ partition, region, accountId, apiId, stage }: MethodArn) =>
      JSON.stringify([partition, region, accountId, apiId, stage]);
    fc.assert(
      fc.property(anyArn, anyArn, (a, b) => {
        const [arnA, arnB] = [formatMethodArn(a), formatMethodArn(b)];
        const [partsA, partsB] = [tryParse(arnA), tryParse(arnB)];
        if (!partsA || !partsB) return;
        expect(matchResource(policyResource('stage', arnA), arnB)).toBe(site(partsA) === site(partsB));
      }),
      { numRuns: RUNS },
    );
  });

  it('derives a stage policy that covers exactly the calling API stage', () => {
    fc.assert(
      fc.property(methodArn, (parts) => {
        const resource = policyResource('stage', formatMethodArn(parts));
        const { partition, region, accountId, apiId, stage } = parts;
        expect(resource).toBe(`arn:${partition}:execute-api:${region}:${accountId}:${apiId}/${stage}/*/*`);
      }),
      { numRuns: RUNS },
    );
  });
});

/** A WebSocket $connect ARN's parts as API Gateway or an emulator writes them. */
const connectArn: fc.Arbitrary<ConnectArn> = methodArn.map(({ partition, region, accountId, apiId, stage }) => ({
  partition,
  region,
  accountId,
  apiId,
  stage,
  route: '$connect' as const,
}));
/** $connect ARNs of which account, API id and stage may be anything. */
const anyConnectArn: fc.Arbitrary<ConnectArn> = anyArn.map(({ partition, region, accountId, apiId, stage }) => ({
  partition,
  region,
  accountId,
  apiId,
  stage,
  route: '$connect' as const,
}));

function tryParseConnect(arn: string): ConnectArn | undefined {
  try {
    return parseConnectArn(arn);
  } catch (error) {
    expect(error).toBeInstanceOf(MethodArnError);
    return undefined;
  }
}

describe('parseConnectArn (properties)', () => {
  it('round-trips every well-formed $connect ARN', () => {
    fc.assert(
      fc.property(connectArn, (parts) => {
        expect(parseConnectArn(formatConnectArn(parts))).toEqual(parts);
      }),
      { numRuns: RUNS },
    );
  });

  it('round-trips whatever it accepts, with no wildcard in any part, else throws MethodArnError', () => {
    const noisy = connectArn.chain((parts) =>
      fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 3 })).map(([at, noise]) => {
        const arn = formatConnectArn(parts);
        const index = at % (arn.length + 1);
        return `${arn.slice(0, index)}${noise}${arn.slice(index)}`;
      }),
    );
    fc.assert(
      fc.property(noisy, (arn) => {
        const parts = tryParseConnect(arn);
        if (!parts) return;
        expect(formatConnectArn(parts)).toBe(arn);
        for (const value of Object.values(parts)) expect(value).not.toMatch(/[*?]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('lets no wildcard reach a policy but the stage-wide route key: …/{stage}/* exactly', () => {
    fc.assert(
      fc.property(anyConnectArn, (parts) => {
        const arn = formatConnectArn(parts);
        if (!tryParseConnect(arn)) return;
        expect(policyResource('method', arn)).toBe(arn);
        expect(policyResource('method', arn)).not.toMatch(/[*?]/);
        const stage = policyResource('stage', arn);
        expect(stage).toBe(`${arn.slice(0, -'$connect'.length)}*`);
        expect(stage.slice(0, -1)).not.toMatch(/[*?]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('derives a stage policy that matches no $connect of another partition, region, account, API or stage', () => {
    const site = ({ partition, region, accountId, apiId, stage }: ConnectArn) =>
      JSON.stringify([partition, region, accountId, apiId, stage]);
    fc.assert(
      fc.property(anyConnectArn, anyConnectArn, (a, b) => {
        const [arnA, arnB] = [formatConnectArn(a), formatConnectArn(b)];
        const [partsA, partsB] = [tryParseConnect(arnA), tryParseConnect(arnB)];
        if (!partsA || !partsB) return;
        expect(matchResource(policyResource('stage', arnA), arnB)).toBe(site(partsA) === site(partsB));
      }),
      { numRuns: RUNS },
    );
  });
});
