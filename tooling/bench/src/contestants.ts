import type { Handler } from './build-handlers.ts';
import { type Alg, AUDIENCE, type BenchKey, ISSUER } from './keys.ts';

/** A handler file and the variables that configure it, as a Lambda function's environment would. */
export type Contestant = { name: string; file: string; env: Record<string, string> };
/** What the contestants are configured from. */
export type Setup = { ours: string; files: Record<Handler, string>; keys: Record<Alg, BenchKey>; jwksUrl: string };

/** The SecureString the SSM configurations read their PEM from. */
export const SSM_PARAMETER = '/bench/jwt-public-key';

const claims = (alg: Alg) => ({ JWT_ALGORITHMS: alg, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
const pem = (setup: Setup, alg: Alg) => ({ ...claims(alg), JWT_PUBLIC_KEY: setup.keys[alg].publicPem });
/** The variables of a JWKS_URI deployment verifying `alg`. */
export const jwks = (setup: Setup, alg: Alg) => ({ ...claims(alg), JWKS_URI: setup.jwksUrl });

const named = (env: Record<string, string>, pairs: Array<[string, string]>) =>
  pairs.map(([name, file]) => ({ name, file, env }));

/**
 * The warm and memory contestants: ours and the JWKS peers on JWKS_URI; the floor (a pre-imported `KeyObject`),
 * jsonwebtoken, which fetches no JWKS, and the floor that also writes a decision line, on the PEM. jsonwebtoken has
 * no EdDSA.
 * @example const [floor, ours] = warmContestants(setup, 'RS256');
 */
export function warmContestants(setup: Setup, alg: Alg): Contestant[] {
  const { files } = setup;
  return [
    ...named(pem(setup, alg), [['floor (node:crypto)', files['floor-pem']]]),
    ...named(jwks(setup, alg), [
      ['ours', setup.ours],
      ['jose', files.jose],
      ['aws-jwt-verify', files['aws-jwt-verify']],
    ]),
    ...named(pem(setup, alg), alg === 'EdDSA' ? [] : [['jsonwebtoken (PEM)', files.jsonwebtoken]]),
    ...named(pem(setup, alg), [['floor + decision line', files['floor-log']]]),
  ];
}

/**
 * The cold-start configurations (RS256) by key source, the first of each its baseline. SSM runs the real SDK
 * client against the loopback endpoint `ssmUrl`, with dummy credentials.
 * @example const { PEM: [floor, ours] } = coldContestants(setup, ssm.url);
 */
export function coldContestants(setup: Setup, ssmUrl: string): Record<string, Contestant[]> {
  const { files, ours } = setup;
  const ssm = {
    ...claims('RS256'),
    JWT_PUBLIC_KEY_SSM_PARAMETER: SSM_PARAMETER,
    AWS_ENDPOINT_URL_SSM: ssmUrl,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHDUMMY',
    AWS_SECRET_ACCESS_KEY: 'bench-dummy-secret',
  };
  return {
    PEM: named(pem(setup, 'RS256'), [
      ['floor (node:crypto)', files['floor-pem']],
      ['ours', ours],
      ['jose', files.jose],
      ['jsonwebtoken', files.jsonwebtoken],
      ['floor + decision line', files['floor-log']],
    ]),
    JWKS: named(jwks(setup, 'RS256'), [
      ['floor (node:https)', files['floor-jwks']],
      ['ours', ours],
      ['jose', files.jose],
      ['aws-jwt-verify', files['aws-jwt-verify']],
    ]),
    SSM: named(ssm, [
      ['jose + client-ssm', files['jose-ssm']],
      ['ours', ours],
    ]),
  };
}
