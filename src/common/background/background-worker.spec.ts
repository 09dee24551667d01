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
});
