import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_ENV } from '../support/test-app.js';
import { freePort, MAIN, ServiceProcess, startServiceProcess, waitFor } from './fault-helpers.js';

/**
 * `node dist/main.js` on the embedded PostgreSQL (no DATABASE_URL) when its start cannot succeed: each
 * failure ends in one fatal log line saying what to do and exit code 1, never a stack trace. After a
 * kill -9 the next start recovers by itself.
 */
interface FailedStart {
  code: number | null;
  records: { level: number; msg?: string; [key: string]: unknown }[];
  stdout: string;
  stderr: string;
}

async function failedStart(env: Record<string, string>): Promise<FailedStart> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...TEST_ENV, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  const records = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FailedStart['records'][number]);
  return { code, records, stdout, stderr };
}

/** Exit code 1, and among the log lines exactly one error: fatal, matching `pattern`, with no stack. */
function expectOneClearLine(result: FailedStart, pattern: RegExp): void {
  const context = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
  const errors = result.records.filter((r) => r.level >= 50);
  expect(errors.map((r) => r.msg)).toEqual([expect.stringMatching(pattern)]);
  expect(errors[0].level).toBe(60);
  expect(Object.keys(errors[0])).not.toContain('err');
  expect(result.stdout).not.toMatch(/\n\s+at /);
  expect(context).not.toMatch(/Unhandled 'error' event/);
}

const asRoot = os.userInfo().uid === 0;
let root: string;
const services: ServiceProcess[] = [];
const squatters: net.Server[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'sequra-embedded-start-'));
  // As root the cluster runs as the `postgres` user, which must be able to enter the folder.
  await fs.chmod(root, 0o755);
});
afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await Promise.all(squatters.map((s) => new Promise((resolve) => s.close(resolve))));
  // A postmaster orphaned by a test that failed half-way: stop it by its pid file, never by name.
  for (const dir of await fs.readdir(root)) {
    const pidFile = path.join(root, dir, 'pg', 'postmaster.pid');
    const pid = Number((await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
  }
  await fs.rm(root, { recursive: true, force: true });
});

async function embeddedEnv(name: string): Promise<Record<string, string>> {
  return { DATA_DIR: path.join(root, name), EMBEDDED_PG_PORT: String(await freePort()) };
}

async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const service = await startServiceProcess(env);
  services.push(service);
  return service;
}

it('a second start beside a running one says the database is already running, and the first serves on', async () => {
  const env = await embeddedEnv('second-start');
  const first = await startService(env);
  const second = await failedStart({ ...env, PORT: String(await freePort()) });
  expectOneClearLine(second, /^start-up failed: The embedded PostgreSQL of DATA_DIR .* is already running \(pid \d+\)/);
  expect((await fetch(`${first.url}/health`)).status).toBe(200);
  await first.stop();
  expect(await first.exited).toEqual({ code: 0, signal: null });
});

it('a port taken by another program is named with what to do', async () => {
  const env = await embeddedEnv('port-taken');
  const squatter = net.createServer();
  squatters.push(squatter);
  await new Promise<void>((resolve) => squatter.listen(Number(env.EMBEDDED_PG_PORT), '127.0.0.1', resolve));
  const result = await failedStart({ ...env, PORT: String(await freePort()) });
  expectOneClearLine(result, new RegExp(`Port ${env.EMBEDDED_PG_PORT} of the embedded PostgreSQL .*EMBEDDED_PG_PORT`));
});

it('after a kill -9: names the orphaned PostgreSQL while it runs, and starts by itself once it is gone', async () => {
  const env = await embeddedEnv('killed');
  const first = await startService(env);
  const pidFile = path.join(env.DATA_DIR, 'pg', 'postmaster.pid');
  const postmaster = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);

  // Only the service is killed: its PostgreSQL, a child of its own, lives on.
  first.process.kill('SIGKILL');
  await first.exited;
  const blocked = await failedStart({ ...env, PORT: String(await freePort()) });
  expectOneClearLine(blocked, new RegExp(`already running \\(pid ${postmaster}\\).*kill ${postmaster}`));

  // Then PostgreSQL too: its postmaster.pid stays behind.
  process.kill(postmaster, 'SIGKILL');
  await waitFor('the killed postmaster to be gone', async () => {
    try {
      process.kill(postmaster, 0);
      return false;
    } catch {
      return true;
    }
  });
  await expect(fs.access(pidFile)).resolves.toBeUndefined();
  const again = await startService(env);
  expect((await fetch(`${again.url}/health`)).status).toBe(200);
  await again.stop();
  expect(await again.exited).toEqual({ code: 0, signal: null });
});

it('an unreachable DATA_DIR is named with what to do', async () => {
  const closed = path.join(root, 'closed');
  // Root's case: a folder closed to others (like /root). Another user's: a folder it cannot write.
  await fs.mkdir(closed);
  await fs.chmod(closed, asRoot ? 0o700 : 0o500);
  const result = await failedStart({
    DATA_DIR: path.join(closed, 'data'),
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
  });
  await fs.chmod(closed, 0o755);
  expectOneClearLine(result, asRoot ? /not reachable by the 'postgres' user.*closed to others/ : /cannot be created/);
});

it('an initdb failure is named with what to do', async () => {
  const env = await embeddedEnv('not-a-cluster');
  await fs.mkdir(path.join(env.DATA_DIR, 'pg'), { recursive: true });
  await fs.writeFile(path.join(env.DATA_DIR, 'pg', 'notes.txt'), 'not a cluster');
  const result = await failedStart({ ...env, PORT: String(await freePort()) });
  expectOneClearLine(result, /initdb could not create the PostgreSQL cluster in .*not empty.*remove/);
});
