/**
 * Summarises a V8 `.cpuprofile` (from BENCH_SERVICE_NODE_ARGS / BENCH_CONTROL_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof"): where a server's busy time goes, by package and by function.
 *
 *   node dist-tools/bench/profile-summary.js /tmp/prof/CPU.….cpuprofile [--round] [--requests=N] [--top=30]
 *
 * --round keeps the benchmark's measured round only: the longest busy stretch between idle seconds (the
 * servers take turns, so each one idles while the other is loaded); --requests=N (that round's count, as
 * the benchmark prints it) adds µs per request. Each sample counts as one sampling interval: under load a
 * descheduled process hands the time it waited to whatever runs next, so sample time would overstate
 * the code that runs after each wait (reading the database's answers). `writev` (socket writes) is left
 * out of the shares: in a profile it is mostly time spent waiting for the CPU, not CPU (the process's
 * system time stays small; compare `/proc/<pid>/stat`).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const option = (name: string) => args.find((a) => a.startsWith(`--${name}`))?.split('=')[1] ?? '';
if (!file) {
  console.error('usage: profile-summary <file.cpuprofile> [--round] [--requests=N] [--top=N]');
  process.exit(2);
}
const top = Number(option('top') || 30);
const requests = Number(option('requests') || 0);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const stackOf = (id: number): ProfileNode[] => {
  const stack: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) stack.push(nodes.get(at)!);
  return stack;
};
const isIdle = (id: number) => nodes.get(id)!.callFrame.functionName === '(idle)';

/** The measured round: the longest busy stretch between idle stretches of a second or more. */
function roundWindow(): [number, number] {
  const gaps: { from: number; to: number }[] = [];
  let from = -1;
  profile.samples.forEach((id, i) => {
    if (isIdle(id) && from < 0) from = i;
    if (!isIdle(id) && from >= 0) {
      const idleMicros = profile.timeDeltas.slice(from + 1, i + 1).reduce((a, b) => a + b, 0);
      if (idleMicros >= 1e6) gaps.push({ from, to: i });
      from = -1;
    }
  });
  const bounds = [0, ...gaps.flatMap((g) => [g.from, g.to]), profile.samples.length];
  let best: [number, number] = [0, profile.samples.length];
  for (let i = 0; i + 1 < bounds.length; i += 2) {
    if (bounds[i + 1] - bounds[i] > best[1] - best[0] || best[1] - best[0] === profile.samples.length) {
      best = [bounds[i], bounds[i + 1]];
    }
  }
  return best;
}

/** A sample's package (`pg`, `@nestjs/core`), Node's module (`node:net`), the app's folder, or V8's own. */
function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  const app = /\/(?:dist|dist-tools)\/(.+)$/.exec(url);
  return app ? `app: ${app[1].split('/').slice(0, -1).join('/') || '.'}` : url;
}

const nameOf = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|dist-tools)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;

const [start, end] = args.includes('--round') ? roundWindow() : [0, profile.samples.length];
const self = new Map<string, number>();
const selfByArea = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
let writes = 0;
const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
for (const id of profile.samples.slice(start, end)) {
  if (isIdle(id)) continue;
  const stack = stackOf(id);
  if (stack[0].callFrame.functionName === 'writev') {
    writes++;
    continue;
  }
  busy++;
  add(self, nameOf(stack[0]));
  add(selfByArea, areaOf(stack[0]));
  for (const name of new Set(stack.map(nameOf))) add(inclusive, name);
}

/** The sampling interval (ms): the median gap between samples (a descheduled process makes a few far longer). */
const interval = [...profile.timeDeltas].sort((a, b) => a - b)[profile.timeDeltas.length >> 1] / 1000;
const line = (count: number, label: string) =>
  `${((100 * count) / busy).toFixed(1).padStart(5)} %  ${(count * interval).toFixed(0).padStart(6)} ms` +
  (requests ? `  ${((count * interval * 1000) / requests).toFixed(1).padStart(6)} µs/req` : '') +
  `  ${label}`;
const table = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(count, key));
};
console.log(
  `${file}: ${busy} busy samples (~${(busy * interval).toFixed(0)} ms), ${writes} more in writev` +
    (requests ? `; ${requests} requests` : ''),
);
table('self time by package / module', selfByArea);
table('self time by function', self);
table('inclusive time by function', inclusive);
