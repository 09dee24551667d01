import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `admin/` at the project root, found from this file both in `src/admin/` (tests) and `dist/admin/` (`npm start`). */
export const ADMIN_DIR = fileURLToPath(new URL('../../admin/', import.meta.url));

/**
 * The page has no inline script or style and talks only to this service, so everything outside
 * 'self' is refused; it is never framed (clickjacking) and sends no referrer.
 */
export const ADMIN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  // Revalidate every time (the ETag makes that cheap), so a rebuilt bundle is picked up at once.
  'cache-control': 'no-cache',
};

export const ADMIN_NOT_BUILT_MESSAGE =
  'The back-office page is not built: run `npm run build:admin` ' +
  '(`npm run build` and `npm start` do it too), then reload.';

/**
 * Serves the back-office page (`admin/public` + the compiled `admin/dist`) under `/admin/`. A plain
 * Fastify plugin, outside Nest's routing, so the API-key guard does not apply: the page holds no
 * secret, and every API call it makes carries the key the user typed in. Encapsulated (not wrapped
 * with fastify-plugin), so its hooks touch only these routes.
 */
export async function adminPagePlugin(scope: FastifyInstance, options: { dir: string }): Promise<void> {
  const bundle = join(options.dir, 'dist', 'main.js');
  scope.addHook('onRequest', async (request, reply) => {
    // Checked per request, not at boot: building the bundle while the service runs is enough.
    // The bare `/admin` redirect needs no bundle.
    if (request.routeOptions.url !== '/admin' && !existsSync(bundle)) {
      await reply
        .code(503)
        .type('application/json; charset=utf-8')
        .send({ statusCode: 503, error: 'Service Unavailable', message: ADMIN_NOT_BUILT_MESSAGE });
    }
  });
  scope.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(ADMIN_SECURITY_HEADERS);
    return payload;
  });
  // `/admin` → `/admin/`: the page's URLs (`main.js`, the API at `../`) are relative, so that they
  // also work behind a proxy that adds a path prefix; hence the relative Location too.
  scope.get('/admin', async (_request, reply) => reply.redirect('admin/', 302));
  await scope.register(fastifyStatic, {
    root: [join(options.dir, 'public'), join(options.dir, 'dist')],
    prefix: '/admin/',
    index: ['index.html'],
    list: false,
    dotfiles: 'deny',
    cacheControl: false,
    decorateReply: false,
    wildcard: true,
  });
}
