import { type Context, Hono } from 'hono';
import { type JwtAuthEnv, type JwtAuthOptions, jwtAuth } from './jwt-auth.ts';
import { requireRouteRules } from './require-route-rules.ts';
import { requireScopes } from './require-scopes.ts';

/**
 * The example service: every `/pets` and `/tenants` route needs a valid token, `/pets/admin` also the `admin`
 * scope; with route rules configured (`ROUTE_RULES` / `ROUTE_SCOPES`), every route is decided by them too, exactly
 * as the authorizer in front of it decides. Each answers with the caller's principal (and claims, for `/pets`).
 * Errors other than a refused token are 500, with no detail in the body.
 *
 * @example
 * ```ts
 * serve({ fetch: createApp(jwtAuthOptionsFromConfig(parseConfig(process.env))).fetch, port: 3000 });
 * ```
 */
export function createApp(options: JwtAuthOptions): Hono<JwtAuthEnv> {
  const guard = [jwtAuth(options), ...(options.routeRules ? [requireRouteRules(options.routeRules)] : [])];
  const principal = (c: Context<JwtAuthEnv>) => c.json({ principalId: c.get('jwt').principalId });
  const pets = new Hono<JwtAuthEnv>();
  pets.use(...guard);
  pets.get('/', (c) => c.json({ principalId: c.get('jwt').principalId, claims: c.get('jwt').claims }));
  pets.get('/admin', requireScopes('admin'), principal);
  const tenants = new Hono<JwtAuthEnv>();
  tenants.use(...guard);
  tenants.get('/:tenantId/orders', principal);
  tenants.post('/:tenantId/orders', principal);
  tenants.delete('/:tenantId/orders/:orderId', principal);
  const app = new Hono<JwtAuthEnv>();
  app.route('/pets', pets);
  app.route('/tenants', tenants);
  app.onError((_error, c) => c.json({ error: 'server_error' }, 500));
  return app;
}
