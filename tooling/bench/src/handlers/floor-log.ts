// floor-pem's handler, as it is, plus the one thing a production authorizer cannot leave out: a decision line per
// invocation, written as ours writes its own (one JSON line, one process.stdout.write, to the same file). No target
// divides by it: its row says what the line alone costs on the machine, next to the floor that writes nothing.
import { handler as floor } from './floor-pem.ts';
import type { TokenEvent } from './policy.ts';

export async function handler(event: TokenEvent) {
  const started = process.hrtime.bigint();
  let outcome = 'unauthorized';
  let principal: string | undefined;
  try {
    const response = await floor(event);
    [outcome, principal] = ['allow', response.principalId];
    return response;
  } finally {
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const line = { level: 'INFO', message: 'decision', timestamp: new Date().toISOString(), outcome, principal };
    process.stdout.write(`${JSON.stringify({ ...line, durationMs })}\n`);
  }
}
