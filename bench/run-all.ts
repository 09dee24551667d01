/**
 * `npm run bench [-- webhooks report registration metrics]`: builds the app and the tools (in the npm
 * script), runs each benchmark in its own process, one after the other, and prints one table of
 * their figures at the end (Markdown, so it can be pasted into the README).
 * Benchmarks print figures; they are not tests: a missed goal does not change the exit code, a
 * benchmark that crashes does.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLine, ResultRow, ROOT } from './bench-support.js';

const BENCHES: Record<string, string> = {
  webhooks: 'webhooks.bench.js',
  report: 'shipping-report.bench.js',
  registration: 'registration.bench.js',
  metrics: 'metrics.bench.js',
};

async function run(name: string, file: string): Promise<{ rows: ResultRow[]; code: number | null }> {
  const resultFile = path.join(os.tmpdir(), `sequra-bench-${process.pid}-${name}.json`);
  await fs.rm(resultFile, { force: true });
  console.log(`\n=== ${name} (${file}) ===`);
  const child = spawn(process.execPath, [path.join(ROOT, 'dist-tools/bench', file)], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const rows = await fs
    .readFile(resultFile, 'utf8')
    .then((text) => JSON.parse(text) as ResultRow[])
    .catch(() => []);
  await fs.rm(resultFile, { force: true });
  return { rows, code };
}

function table(rows: ResultRow[]): string {
  const lines = ['| benchmark | subject | figures | goal |', '|---|---|---|---|'];
  for (const row of rows) {
    const figures = Object.entries(row.figures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const goal = row.goal ? `${row.goal} ${row.met ? '(met)' : '(missed)'}` : '';
    lines.push(`| ${row.bench} | ${row.subject} | ${figures} | ${goal} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const name of wanted)
    if (!BENCHES[name]) throw new Error(`unknown benchmark '${name}' (choose from ${Object.keys(BENCHES).join(', ')})`);
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
  const started = new Date();
  const rows: ResultRow[] = [];
  let failed = false;
  for (const name of names) {
    const file = BENCHES[name];
    const exists = await fs.access(path.join(ROOT, 'dist-tools/bench', file)).then(
      () => true,
      () => false,
    );
    if (!exists) {
      rows.push({ bench: name, subject: `${file} not built`, figures: {} });
      failed = true;
      continue;
    }
    const result = await run(name, file);
    if (result.code !== 0 || result.rows.length === 0) {
      failed = true;
      rows.push({ bench: name, subject: `FAILED (exit code ${result.code})`, figures: {} });
    }
    rows.push(...result.rows);
  }
  console.log(`\n=== Benchmarks, ${started.toISOString().slice(0, 10)}, ${machineLine()} ===\n`);
  console.log(table(rows));
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
