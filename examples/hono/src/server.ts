// Runs the example service with the Lambda's configuration variables (docs/configuration.md): `JWT_PUBLIC_KEY=... pnpm start`.
import { serve } from '@hono/node-server';
import { parseConfig } from '@jwt-authorizer/config';
import { createApp } from './create-app.ts';
import { jwtAuthOptionsFromConfig } from './jwt-auth.ts';

const port = Number(process.env['PORT'] ?? 3000);
const app = createApp(jwtAuthOptionsFromConfig(parseConfig(process.env)));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/pets`);
});
