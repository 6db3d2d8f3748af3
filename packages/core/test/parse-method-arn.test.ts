import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConnectArn,
  formatConnectArn,
  formatMethodArn,
  isConnectArn,
  type MethodArn,
  MethodArnError,
  matchResource,
  parseConnectArn,
  parseMethodArn,
  policyResource,
} from '../src/index.js';

describe('parseMethodArn', () => {
  it('splits a REST method ARN into its parts', () => {
    expect(parseMethodArn('arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/pets/42')).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      stage: 'prod',
      method: 'GET',
      resourcePath: 'pets/42',
    });
  });

  it.each([
    'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/',
    'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/POST/a/b/c',
    'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/$default/GET/pets',
    'arn:aws-cn:execute-api:cn-north-1:123456789012:abcdef1234/v1/PUT/x',
    'arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abcdef1234/stage-1_b/DELETE/y',
  ])('round-trips %s', (arn) => {
    expect(formatMethodArn(parseMethodArn(arn))).toBe(arn);
  });

  it('takes the placeholders of serverless-offline as they come, and builds the stage policy from them', () => {
    const arn = 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/prod/GET/pets/{id}';
    expect(parseMethodArn(arn)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: 'random-account-id',
      apiId: 'random-api-id',
      stage: 'prod',
      method: 'GET',
      resourcePath: 'pets/{id}',
    });
    expect(policyResource('stage', arn)).toBe('arn:aws:execute-api:us-east-1:random-account-id:random-api-id/prod/*/*');
    expect(policyResource('method', arn)).toBe(arn);
  });

  // API Gateway's accounts have 12 digits, but the ARN's account is taken as it comes: emulators send other ones.
  it.each([
    'arn:aws:execute-api:us-east-1:1234:abcdef1234/prod/GET/',
    'arn:aws:execute-api:us-east-1:000000000000:local-api_1.x/dev.local/POST/pets',
    'arn:aws:execute-api:eu-west-1:acct~1:api$1/$default/GET/pets/42',
  ])('accepts and round-trips an emulator ARN: %s', (arn) => {
    expect(formatMethodArn(parseMethodArn(arn))).toBe(arn);
  });

  it.each([
    ['not an ARN', 'hello'],
    ['another service', 'arn:aws:lambda:us-east-1:123456789012:function/x/GET/'],
    ['no stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234'],
    ['wildcard api', 'arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/'],
    ['wildcard in path', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/a*'],
    ['wildcard stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*/GET/a'],
    ['the seed region pattern', 'arn:aws:execute-api:us-east-1:**'],
    ['wildcard account', 'arn:aws:execute-api:us-east-1:*:abcdef1234/prod/GET/a'],
    ['one-character wildcard in the account', 'arn:aws:execute-api:us-east-1:12345678901?:abcdef1234/prod/GET/a'],
    ['one-character wildcard in the api', 'arn:aws:execute-api:us-east-1:123456789012:abcdef123?/prod/GET/a'],
    ['one-character wildcard in the stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/pro?/GET/a'],
    ['wildcard in a placeholder account', 'arn:aws:execute-api:us-east-1:random-*:random-api-id/prod/GET/pets'],
    ['slash in the account', 'arn:aws:execute-api:us-east-1:random/account:random-api-id/prod/GET/pets'],
    ['colon in the account', 'arn:aws:execute-api:us-east-1:random:account:random-api-id/prod/GET/pets'],
    ['colon in the api', 'arn:aws:execute-api:us-east-1:random-account-id:random:api/prod/GET/pets'],
    ['colon in the stage', 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/pr:od/GET/pets'],
    ['empty account', 'arn:aws:execute-api:us-east-1::random-api-id/prod/GET/pets'],
    ['empty api', 'arn:aws:execute-api:us-east-1:random-account-id:/prod/GET/pets'],
    ['empty stage', 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id//GET/pets'],
    ['space in the account', 'arn:aws:execute-api:us-east-1:random account:random-api-id/prod/GET/pets'],
    ['newline in the stage', 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/pr\nod/GET/pets'],
    ['non-ASCII api', 'arn:aws:execute-api:us-east-1:random-account-id:rändom-api-id/prod/GET/pets'],
    [
      'braces (of an IAM policy variable) in the stage',
      'arn:aws:execute-api:us-east-1:random-account-id:api/{x}/GET/x',
    ],
    ['no method after a placeholder stage', 'arn:aws:execute-api:us-east-1:random-account-id:random-api-id/prod'],
  ])('refuses a malformed ARN: %s', (_, arn) => {
    expect(() => parseMethodArn(arn)).toThrow(MethodArnError);
    try {
      parseMethodArn(arn);
    } catch (error) {
      expect(error).toMatchObject({ name: 'MethodArnError', code: 'invalid_method_arn' });
    }
  });
});

describe('parseMethodArn at its edges', () => {
  it('accepts a region whose number has two digits', () => {
    expect(parseMethodArn('arn:aws:execute-api:ap-southeast-10:123456789012:abc/prod/GET/x').region).toBe(
      'ap-southeast-10',
    );
  });

  it('matches the whole string: nothing before "arn:"', () => {
    for (const arn of [
      'xarn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/x',
      ' arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/x',
    ]) {
      expect(() => parseMethodArn(arn)).toThrow(MethodArnError);
    }
  });

  it('names the refused ARN in its message, cut to 200 characters', () => {
    const arn = `arn:aws:nope:${'x'.repeat(5000)}`;
    const error = (() => {
      try {
        parseMethodArn(arn);
      } catch (e) {
        return e as MethodArnError;
      }
    })();
    expect(error).toBeInstanceOf(MethodArnError);
    expect(error?.code).toBe('invalid_method_arn');
    expect(error?.message).toContain('arn:aws:nope:xxx');
    expect(error?.message.length).toBeLessThan(260);
  });
});

describe('parseConnectArn', () => {
  // The methodArn of a WebSocket API's $connect authorizer (apigateway-websocket-api-lambda-auth.html).
  const CONNECT = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$connect';

  it("splits AWS's example $connect ARN into its parts and round-trips it", () => {
    expect(parseConnectArn(CONNECT)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      apiId: 'abcdef123',
      stage: 'default',
      route: '$connect',
    });
    expect(formatConnectArn(parseConnectArn(CONNECT))).toBe(CONNECT);
    expect(isConnectArn(CONNECT)).toBe(true);
  });

  it("takes serverless-offline's placeholders (it writes no account: undefined) as they come", () => {
    const arn = 'arn:aws:execute-api:us-east-1:undefined:private/local/$connect';
    expect(parseConnectArn(arn)).toMatchObject({ accountId: 'undefined', apiId: 'private', stage: 'local' });
  });

  it('is refused by parseMethodArn, which wants a method and a path', () => {
    expect(() => parseMethodArn(CONNECT)).toThrow(MethodArnError);
  });

  it.each([
    ['another route key', 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/$disconnect'],
    ['a REST path named $connect', 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/GET/$connect'],
    ['no stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/$connect'],
    ['a wildcard stage', 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/*/$connect'],
    ['a wildcard API', 'arn:aws:execute-api:us-east-1:123456789012:*/default/$connect'],
    ['a one-character wildcard account', 'arn:aws:execute-api:us-east-1:12345678901?:abcdef123/default/$connect'],
    ['a policy variable', `arn:aws:execute-api:us-east-1:${'$'}{aws:username}:abcdef123/default/$connect`],
    ['trailing text', `${CONNECT}x`],
    ['a trailing slash', `${CONNECT}/`],
  ])('refuses %s', (_name, arn) => {
    expect(isConnectArn(arn)).toBe(false);
    expect(() => parseConnectArn(arn)).toThrow(MethodArnError);
  });

  it('gives the stage-wide WebSocket resource for POLICY_RESOURCE=stage, the ARN itself for method', () => {
    expect(policyResource('stage', CONNECT)).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/default/*');
    expect(policyResource('method', CONNECT)).toBe(CONNECT);
  });

  it('still treats a REST route whose path is /$connect as a REST route', () => {
    const rest = 'arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/GET/$connect';
    expect(policyResource('stage', rest)).toBe('arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/*/*');
  });
});

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

const toConnect = ({ partition, region, accountId, apiId, stage }: MethodArn): ConnectArn => ({
  partition,
  region,
  accountId,
  apiId,
  stage,
  route: '$connect',
});
/** A WebSocket $connect ARN's parts as API Gateway or an emulator writes them. */
const connectArn: fc.Arbitrary<ConnectArn> = methodArn.map(toConnect);
/** $connect ARNs of which account, API id and stage may be anything. */
const anyConnectArn: fc.Arbitrary<ConnectArn> = anyArn.map(toConnect);

/** `parse(arn)`, or `undefined` when it refuses the ARN (always with MethodArnError). */
function tryParse<T>(parse: (arn: string) => T, arn: string): T | undefined {
  try {
    return parse(arn);
  } catch (error) {
    expect(error).toBeInstanceOf(MethodArnError);
    return undefined;
  }
}

/** Well-formed ARNs with a few arbitrary characters let in at any place. */
const withNoise = <T>(parts: fc.Arbitrary<T>, format: (parts: T) => string) =>
  parts.chain((each) =>
    fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 3 })).map(([at, noise]) => {
      const arn = format(each);
      const index = at % (arn.length + 1);
      return `${arn.slice(0, index)}${noise}${arn.slice(index)}`;
    }),
  );

/** What a stage policy is scoped to: everything but the method and path (or route). */
const site = ({ partition, region, accountId, apiId, stage }: MethodArn | ConnectArn) =>
  JSON.stringify([partition, region, accountId, apiId, stage]);

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
    const noisy = fc.oneof(fc.string({ unit: 'binary' }), withNoise(methodArn, formatMethodArn));
    fc.assert(
      fc.property(noisy, (arn) => {
        const parts = tryParse(parseMethodArn, arn);
        if (!parts) return;
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
        if (!tryParse(parseMethodArn, arn)) return;
        expect(policyResource('method', arn)).not.toMatch(/[*?]/);
        const stage = policyResource('stage', arn);
        expect(stage.endsWith('/*/*')).toBe(true);
        expect(stage.slice(0, -'/*/*'.length)).not.toMatch(/[*?]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('derives a stage policy that matches no ARN of another partition, region, account, API or stage', () => {
    fc.assert(
      fc.property(anyArn, anyArn, (a, b) => {
        const [arnA, arnB] = [formatMethodArn(a), formatMethodArn(b)];
        const [partsA, partsB] = [tryParse(parseMethodArn, arnA), tryParse(parseMethodArn, arnB)];
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
    const noisy = withNoise(connectArn, formatConnectArn);
    fc.assert(
      fc.property(noisy, (arn) => {
        const parts = tryParse(parseConnectArn, arn);
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
        if (!tryParse(parseConnectArn, arn)) return;
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
    fc.assert(
      fc.property(anyConnectArn, anyConnectArn, (a, b) => {
        const [arnA, arnB] = [formatConnectArn(a), formatConnectArn(b)];
        const [partsA, partsB] = [tryParse(parseConnectArn, arnA), tryParse(parseConnectArn, arnB)];
        if (!partsA || !partsB) return;
        expect(matchResource(policyResource('stage', arnA), arnB)).toBe(site(partsA) === site(partsB));
      }),
      { numRuns: RUNS },
    );
  });
});
