import { Hono } from 'hono';
import { type JwtAuthEnv, type JwtAuthOptions, jwtAuth } from './jwt-auth.ts';
import { requireScopes } from './require-scopes.ts';

/**
 * The example service: every `/pets` route needs a valid token, `/pets/admin` also the `admin` scope. Each answers
 * with the caller's principal and claims. Errors other than a refused token are 500, with no detail in the body.
 *
 * @example
 * ```ts
 * serve({ fetch: createApp(jwtAuthOptionsFromConfig(parseConfig(process.env))).fetch, port: 3000 });
 * ```
 */
export function createApp(options: JwtAuthOptions): Hono<JwtAuthEnv> {
  const pets = new Hono<JwtAuthEnv>();
  pets.use(jwtAuth(options));
  pets.get('/', (c) => c.json({ principalId: c.get('jwt').principalId, claims: c.get('jwt').claims }));
  pets.get('/admin', requireScopes('admin'), (c) => c.json({ principalId: c.get('jwt').principalId }));
  const app = new Hono<JwtAuthEnv>();
  app.route('/pets', pets);
  app.onError((_error, c) => c.json({ error: 'server_error' }, 500));
  return app;
}
