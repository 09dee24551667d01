import { SendPipeline } from './send-pipeline.js';

/** A send whose answer and completion the test controls. */
function controlledSends() {
  const log: string[] = [];
  const pending = new Map<string, { answer: () => void; finish: (error?: Error) => void }>();
  const send = (id: string, _payload: Buffer, answered: () => void) =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${id}`);
      pending.set(id, {
        answer: () => (log.push(`answered ${id}`), answered()),
        finish: (error) => (log.push(`done ${id}`), error ? reject(error) : resolve()),
      });
    });
  return { log, send, get: (id: string) => pending.get(id)! };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SendPipeline', () => {
  test('sends in order once the previous one is answered, at most two in flight; the claim waits', async () => {
    const s = controlledSends();
    const pipeline = new SendPipeline(s.send, () => false);
    const payload = Buffer.from('{}');

    await pipeline.add('1', payload);
    await tick();
    await pipeline.add('2', payload);
    let mayClaimFourth = false;
    void pipeline.add('3', payload).then(() => (mayClaimFourth = true));
    await tick();
    expect(s.log).toEqual(['start 1']);
    expect(mayClaimFourth).toBe(false);

    s.get('1').answer();
    await tick();
    expect(s.log).toEqual(['start 1', 'answered 1', 'start 2']);
    expect(mayClaimFourth).toBe(true);

    // 2 is answered, but 1 is still marking its orders: 3 waits for it.
    s.get('2').answer();
    await tick();
    expect(s.log).toEqual(['start 1', 'answered 1', 'start 2', 'answered 2']);
    s.get('1').finish();
    await tick();
    expect(s.log).toEqual(['start 1', 'answered 1', 'start 2', 'answered 2', 'done 1', 'start 3']);

    s.get('2').finish();
    s.get('3').answer();
    s.get('3').finish();
    await pipeline.settled();
    expect(() => pipeline.rethrow()).not.toThrow();
  });

  test('after an error, sends not yet started are skipped, and the error is rethrown once all settled', async () => {
    const s = controlledSends();
    const pipeline = new SendPipeline(s.send, () => false);
    const payload = Buffer.from('{}');

    await pipeline.add('1', payload);
    await tick();
    await pipeline.add('2', payload);
    s.get('1').finish(new Error('database down'));
    await pipeline.settled();

    expect(s.log).toEqual(['start 1', 'done 1']);
    expect(() => pipeline.rethrow()).toThrow('database down');
  });

  test('sends nothing once the process is stopping', async () => {
    const s = controlledSends();
    const pipeline = new SendPipeline(s.send, () => true);
    await pipeline.add('1', Buffer.from('{}'));
    await pipeline.settled();
    expect(s.log).toEqual([]);
  });
});
