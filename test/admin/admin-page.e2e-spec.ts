import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ADMIN_DIR,
  ADMIN_NOT_BUILT_MESSAGE,
  ADMIN_SECURITY_HEADERS,
  adminPagePlugin,
} from '../../src/admin/admin-page.plugin.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * How the service serves the back-office page: outside the API-key guard, with strict security
 * headers, a clear 503 while the bundle is not built. The page itself is tested in a browser
 * (test/browser/, `npm run test:browser`).
 */
describe('the /admin page files', () => {
  const dirs: string[] = [];
  const apps: FastifyInstance[] = [];

  /** The plugin alone on Fastify, serving a temporary admin folder (built or not). */
  async function serve(built: boolean): Promise<FastifyInstance> {
    const dir = mkdtempSync(join(tmpdir(), 'admin-page-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'public'));
    writeFileSync(
      join(dir, 'public', 'index.html'),
      '<!doctype html><title>t</title><script type="module" src="main.js"></script>',
    );
    writeFileSync(join(dir, 'public', 'admin.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'outside the served folders');
    if (built) {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'main.js'), 'export {};');
    }
    const app = Fastify();
    await app.register(adminPagePlugin, { dir });
    app.get('/orders', async () => ({ api: true }));
    apps.push(app);
    return app;
  }

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('redirects /admin to /admin/ (relative, so a path prefix in front of the service keeps working)', async () => {
    const res = await (await serve(true)).inject({ url: '/admin' });
    expect({ status: res.statusCode, location: res.headers.location }).toEqual({ status: 302, location: 'admin/' });
  });

  it('serves the page, its script and its style with the security headers', async () => {
    const app = await serve(true);
    const expected = {
      '/admin/': 'text/html',
      '/admin/main.js': 'application/javascript',
      '/admin/admin.css': 'text/css',
    };
    for (const [url, type] of Object.entries(expected)) {
      const res = await app.inject({ url });
      expect({ url, status: res.statusCode, type: String(res.headers['content-type']).split(';')[0] }).toEqual({
        url,
        status: 200,
        type,
      });
      for (const [name, value] of Object.entries(ADMIN_SECURITY_HEADERS))
        expect([url, name, res.headers[name]]).toEqual([url, name, value]);
    }
    expect(ADMIN_SECURITY_HEADERS['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(ADMIN_SECURITY_HEADERS['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('serves nothing outside its folders, and leaves the other routes alone', async () => {
    const app = await serve(true);
    for (const url of [
      '/admin/secret.txt',
      '/admin/../secret.txt',
      '/admin/%2e%2e/secret.txt',
      '/admin/..%2fsecret.txt',
      '/admin/nope.js',
    ]) {
      const res = await app.inject({ url });
      // 404, or 403 for a traversal attempt @fastify/static recognises: never the file.
      expect([url, [403, 404].includes(res.statusCode), res.body.includes('outside the served folders')]).toEqual([
        url,
        true,
        false,
      ]);
    }
    const api = await app.inject({ url: '/orders' });
    expect(api.headers['content-security-policy']).toBeUndefined();
  });

  it('answers 503 with what to do while the bundle is not built', async () => {
    const app = await serve(false);
    for (const url of ['/admin/', '/admin/main.js']) {
      const res = await app.inject({ url });
      expect({ url, status: res.statusCode, body: res.json() }).toEqual({
        url,
        status: 503,
        body: { statusCode: 503, error: 'Service Unavailable', message: ADMIN_NOT_BUILT_MESSAGE },
      });
    }
  });

  it('holds no inline script, style or event handler (the CSP would block them)', () => {
    const html = readFileSync(join(ADMIN_DIR, 'public', 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=|<style/i);
    // The page builds the DOM with textContent only: API data can never become markup.
    for (const file of readdirSync(join(ADMIN_DIR, 'src'))) {
      expect([
        file,
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/.test(
          readFileSync(join(ADMIN_DIR, 'src', file), 'utf8'),
        ),
      ]).toEqual([file, false]);
    }
  });
});

describe('/admin in the application', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is open without a key (the page holds no secret) while the API still needs one', async () => {
    const page = await t.request('GET', '/admin/', { key: null });
    // 200 once `npm run build:admin` has run, 503 with instructions before: never 401.
    const built = existsSync(join(ADMIN_DIR, 'dist', 'main.js'));
    expect(page.status).toBe(built ? 200 : 503);
    expect(page.headers.get('content-security-policy')).toBe(ADMIN_SECURITY_HEADERS['content-security-policy']);
    expect((await fetch(`${t.baseUrl}/admin`, { redirect: 'manual' })).status).toBe(302);
    expect((await t.request('GET', '/orders', { key: null })).status).toBe(401);
    expect((await t.request('GET', '/admin/nope.js', { key: null })).status).toBe(built ? 404 : 503);
  });
});
