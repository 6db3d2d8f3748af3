// The quick start's demo: the built authorizer (dist/index.mjs), configured as the seed tutorial's Lambda, is
// invoked with the seed's sample events; it prints what API Gateway would answer for each.
import { readFileSync } from 'node:fs';

const seed = readFileSync(new URL('../../../tooling/test-fixtures/src/seed.ts', import.meta.url), 'utf8');
const constant = (name) => new RegExp(`${name} =\\s*\\n?\\s*[\`']([^\`']+)[\`']`).exec(seed)?.[1];
const key = constant('SEED_PUBLIC_KEY');
const tokens = { 'seed token 1': constant('SEED_TOKEN_VALID'), 'seed token 2': constant('SEED_TOKEN_BAD_SIGNATURE') };

Object.assign(process.env, { JWT_PUBLIC_KEY: key, PRINCIPAL_CLAIM: 'user_id', JWT_REQUIRED_CLAIMS: 'user_id' });
const logs = [];
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk) => logs.push(String(chunk).trim()) > 0;
const { handler } = await import('../dist/index.mjs');

const methodArn = 'arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/pets';
const cases = [...Object.entries(tokens).map(([name, token]) => [name, `Bearer ${token}`]), ['no credential', '']];
write(
  'The seed configuration: JWT_PUBLIC_KEY=<jwt.io sample key> PRINCIPAL_CLAIM=user_id JWT_REQUIRED_CLAIMS=user_id\n\n',
);
for (const [name, authorizationToken] of cases) {
  logs.length = 0;
  let answer;
  try {
    const result = await handler({ type: 'TOKEN', authorizationToken, methodArn }, {});
    answer = `API Gateway: 200, the request goes on (${result.policyDocument.Statement[0].Effect})\n${JSON.stringify(result, null, 2)}`;
  } catch (error) {
    answer = `API Gateway: ${error.message === 'Unauthorized' ? '401 {"message":"Unauthorized"}' : `500 (${error.message})`}`;
  }
  write(`== ${name}\n${answer}\nlog: ${logs.filter((l) => l.includes('"outcome"')).join('\n     ')}\n\n`);
}
