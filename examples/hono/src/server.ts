// Runs the example service with the Lambda's configuration variables (docs/configuration.md): `JWT_PUBLIC_KEY=... pnpm start`.
import { serve } from '@hono/node-server';
import { parseConfig } from '@jwt-authorizer/config';
import { createApp } from './create-app.ts';
import { jwtAuthOptionsFromConfig } from './jwt-auth.ts';

const port = Number(process.env['PORT'] ?? 3000);
const options = jwtAuthOptionsFromConfig(parseConfig(process.env));
// A remote key source's keys before the first request, as the Lambda fetches them at init; a failure is left to
// the first request, which answers 500 until the keys can be fetched.
await options.keySource.prefetch?.();
const app = createApp(options);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/pets`);
});
