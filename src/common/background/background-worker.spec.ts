import { BackgroundWorker } from './background-worker.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pass that records its runs and can be held open until released. */
function recordingPass() {
  const runs: number[] = [];
  let release: () => void = () => undefined;
  let hold = false;
  const pass = async () => {
    runs.push(Date.now());
    if (hold) await new Promise<void>((resolve) => (release = resolve));
  };
  return { runs, pass, holdNext: () => (hold = true), release: () => ((hold = false), release()) };
}

describe('BackgroundWorker', () => {
  test('run() during a pass runs exactly one more pass after it, never two at once', async () => {
    const p = recordingPass();
    const worker = new BackgroundWorker(p.pass, () => undefined);
    p.holdNext();
    const first = worker.run();
    const second = worker.run();
    const third = worker.run();
    expect(p.runs).toHaveLength(1);
    p.release();
    await Promise.all([first, second, third]);
    expect(p.runs).toHaveLength(2);
  });

  test('wake() keeps the earliest due time and runs once', async () => {
    const p = recordingPass();
    const worker = new BackgroundWorker(p.pass, () => undefined);
    const start = Date.now();
    worker.wake(200);
    worker.wake(20);
    worker.wake(500);
    await sleep(120);
    expect(p.runs).toHaveLength(1);
    expect(p.runs[0] - start).toBeLessThan(150);
    await sleep(500);
    expect(p.runs).toHaveLength(1);
  });

  test('a failing pass reports its error and the worker keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const worker = new BackgroundWorker(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database down');
      },
      (error) => errors.push(error),
    );
    await worker.run();
    await worker.run();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('database down')]);
  });

  test('stop() waits for the pass and tracked work in flight, then nothing runs again', async () => {
    const p = recordingPass();
    const worker = new BackgroundWorker(p.pass, () => undefined);
    p.holdNext();
    void worker.run();
    let trackedDone = false;
    void worker.track(sleep(50).then(() => (trackedDone = true)));
    worker.wake(10);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await sleep(30);
    expect(stopped).toBe(false);
    p.release();
    await stopping;
    expect(trackedDone).toBe(true);
    await worker.run();
    worker.wake(0);
    await sleep(30);
    expect(p.runs).toHaveLength(1);
  });

  test('with a failure backoff, a failing pass retries by itself, waiting longer after each failure', async () => {
    const runs: number[] = [];
    let failUntil = 4;
    const worker = new BackgroundWorker(
      async () => {
        runs.push(Date.now());
        if (runs.length < failUntil) throw new Error('database unavailable');
      },
      () => undefined,
      { baseMs: 40, maxMs: 400 },
    );
    await worker.run();
    expect(worker.consecutiveFailures).toBe(1);
    await sleep(900);
    // 1 + 3 retries (about 40, 80, 160 ms apart, each at least half its ceiling), then success and quiet.
    expect(runs).toHaveLength(4);
    expect(worker.consecutiveFailures).toBe(0);
    const gaps = runs.slice(1).map((at, i) => at - runs[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(35);
    expect(gaps[2]).toBeGreaterThanOrEqual(75);
    failUntil = 0;
    await worker.stop();
  });

  test('a failing pass never runs again at once, even when run() was asked for during it', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const worker = new BackgroundWorker(
      async () => {
        calls++;
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('timeout');
      },
      () => undefined,
      { baseMs: 200, maxMs: 1000 },
    );
    const first = worker.run();
    void worker.run();
    release();
    await first;
    await sleep(50);
    expect(calls).toBe(1);
    await worker.stop();
  });

  test('without a failure backoff, a failed pass waits for the next wake-up (as before)', async () => {
    let calls = 0;
    const worker = new BackgroundWorker(
      async () => {
        calls++;
        throw new Error('x');
      },
      () => undefined,
    );
    await worker.run();
    await sleep(100);
    expect(calls).toBe(1);
  });
});
