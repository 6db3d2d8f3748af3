// RSS after N verifications by one handler, alone in its process. argv: handler file, tokens file (one per line),
// N. Plain JavaScript: nothing else loaded. Reports process.memoryUsage() before importing and at the end.
import { readFileSync } from 'node:fs';

const [entry, tokensFile, count] = process.argv.slice(2);
const tokens = readFileSync(tokensFile, 'utf8').split('\n');
const before = process.memoryUsage();
const { handler } = await import(entry);
const methodArn = process.env.BENCH_METHOD_ARN;
const total = Number(count);
for (let index = 0; index < total; index += 1) {
  const token = tokens[index % tokens.length];
  const response = await handler({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn }, {});
  if (response?.policyDocument?.Statement?.[0]?.Effect !== 'Allow') throw new Error('a valid token was refused');
}
const after = process.memoryUsage();
process.stderr.write(`${JSON.stringify({ before, after })}\n`);
