#!/usr/bin/env node
// The local API Gateway: `node tooling/local-gateway/src/main.ts --event token` with the authorizer's variables in
// the environment. Stops on Ctrl-C.
import { startGateway } from './start-gateway.ts';

try {
  const { url } = await startGateway(process.argv.slice(2));
  process.stderr.write(`local-gateway: listening on ${url} (Ctrl-C stops it)\n`);
} catch (error) {
  process.stderr.write(`local-gateway: ${(error as Error).message}\n`);
  process.exit(1);
}
