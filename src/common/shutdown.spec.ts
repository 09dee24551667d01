import { runShutdown } from './shutdown.js';

describe('runShutdown', () => {
  test('exits 0 when every step succeeds, in order', async () => {
    const done: string[] = [];
    const step = (name: string) => ({ name, run: async () => void done.push(name) });
    expect(await runShutdown([step('app'), step('database')], () => undefined)).toBe(0);
    expect(done).toEqual(['app', 'database']);
  });

  test('exits 1 when a step fails, still runs the later steps, and reports which failed', async () => {
    const done: string[] = [];
    const errors: [string, unknown][] = [];
    const code = await runShutdown(
      [
        { name: 'app', run: () => Promise.reject(new Error('close failed')) },
        { name: 'database', run: async () => void done.push('database') },
      ],
      (name, error) => errors.push([name, error]),
    );
    expect(code).toBe(1);
    expect(done).toEqual(['database']);
    expect(errors).toEqual([['app', new Error('close failed')]]);
  });
});
