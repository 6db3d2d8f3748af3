import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMethodArn, type MethodArn, MethodArnError, parseMethodArn, policyResource } from '../src/index.js';

// PROPERTY_RUNS lowers it where the suite runs hundreds of times (the mutation command sets it).
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const chars = (alphabet: string, minLength = 1, maxLength = 12) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
const lower = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const alnum = `${lower}ABCDEFGHIJKLMNOPQRSTUVWXYZ${digits}`;

/** Parts of a method ARN as API Gateway writes them (arn-format-reference). */
const methodArn: fc.Arbitrary<MethodArn> = fc.record({
  partition: fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
  region: fc
    .tuple(chars(lower, 2, 2), fc.array(chars(lower, 1, 9), { minLength: 1, maxLength: 3 }), fc.nat(9))
    .map(([area, words, n]) => `${area}-${words.join('-')}-${n}`),
  accountId: chars(digits, 12, 12),
  apiId: chars(alnum, 1, 10),
  stage: chars(`${alnum}_$-`, 1, 16),
  method: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1, 7),
  resourcePath: fc.string({ unit: fc.constantFrom(...`${alnum}/-_.~%{}+`), maxLength: 40 }),
});

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
