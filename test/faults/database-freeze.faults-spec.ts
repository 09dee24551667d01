import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import {
  api,
  missingAcknowledgedEvents,
  OwnDatabase,
  postEvent,
  riskEvent,
  seedOrders,
  send,
  ServiceProcess,
  sleep,
  startOwnDatabase,
  startServiceProcess,
  waitFor,
} from './fault-helpers.js';

/**
 * PostgreSQL frozen under load: every process of the scenario's own cluster stopped with SIGSTOP for
 * 10 seconds, its connections left open (a stalled disk, a failover, a partition), while six
 * seQura-like senders post events (repeating each until a 2xx) and two clients read orders, on the
 * production build with its outbox and report timers on. Nothing may hang: every answer within
 * 10 s (DB_CONNECT_TIMEOUT_MS + DB_QUERY_TIMEOUT_MS = 7 s by default), only 200 or 503, /health 503;
 * once thawed, the same process serves again by itself, and every acknowledged event is stored.
 */
const SENDERS = 6;
const READERS = 2;
const ORDERS = 600;
const FREEZE_MS = 10_000;
const LEVELS = ['low_risk', 'high_risk'] as const;

interface Sent {
  kind: 'event' | 'read';
  ref: string;
  level?: string;
  status: number;
  sentAt: number;
  answeredAt: number;
}

let standIn: SequraStandIn;
let db: OwnDatabase;
let service: ServiceProcess;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  db = await startOwnDatabase();
  const refs = Array.from({ length: ORDERS }, (_, i) => `FRZ-${String(i + 1).padStart(4, '0')}`);
  await seedOrders(db, refs, 'approved');
  service = await startServiceProcess({
    DATABASE_URL: db.url,
    DB_POOL_SIZE: '10',
    SEQURA_BASE_URL: standIn.url,
    OUTBOX_ENABLED: 'true',
    OUTBOX_POLL_MS: '200',
    SHIPPING_REPORT_ENABLED: 'true',
    SHIPPING_REPORT_CRON: '*/2 * * * * *',
    SHIPPING_REPORT_TZ: 'UTC',
    SHIPPING_REPORT_STATISTICS: 'false',
    BACKGROUND_BACKOFF_MAX_MS: '2000',
  });
});

afterAll(async () => {
  db?.thaw();
  await service?.stop();
  await db?.drop();
  await standIn?.close();
});

it('answers 503 within 10 s while the database is frozen, recovers by itself when it thaws, loses nothing', async () => {
  const orders: { order_ref_1: string; sequra_order_ref: string }[] = await db.query(
    `SELECT order_ref_1, sequra_order_ref FROM orders ORDER BY order_ref_1`,
  );
  const sent: Sent[] = [];
  let stopping = false;
  const record = (entry: Omit<Sent, 'answeredAt'>) => sent.push({ ...entry, answeredAt: Date.now() });

  const sender = async (index: number) => {
    for (let i = index; i < orders.length && !stopping; i += SENDERS) {
      const { order_ref_1: ref, sequra_order_ref: uuid } = orders[i];
      for (const level of LEVELS) {
        for (;;) {
          const sentAt = Date.now();
          // The client waits 15 s: an answer later than 10 s would be seen, not cut off.
          const answer = await postEvent(service.url, riskEvent(ref, uuid, level), 'events', 15_000);
          record({ kind: 'event', ref, level, status: answer.status, sentAt });
          if (answer.status >= 200 && answer.status < 300) break;
          if (answer.status !== 503)
            throw new Error(`unexpected answer ${answer.status} ${answer.text}\n${service.output().slice(-4000)}`);
          await sleep(100);
        }
      }
    }
  };
  const reader = async (index: number) => {
    for (let i = index; !stopping; i = (i + READERS) % orders.length) {
      const sentAt = Date.now();
      const answer = await send(`${service.url}/orders/${orders[i].order_ref_1}`, {
        headers: { authorization: `Bearer test-service-key-1` },
        timeoutMs: 15_000,
      });
      record({ kind: 'read', ref: orders[i].order_ref_1, status: answer.status, sentAt });
      await sleep(50);
    }
  };
  const clients = [
    ...Array.from({ length: SENDERS }, (_, i) => sender(i)),
    ...Array.from({ length: READERS }, (_, i) => reader(i)),
  ];

  await sleep(1500);
  // Stopped once freeze() resolves (the postmaster first, then each backend: a few hundred ms).
  const pids = await db.freeze();
  const frozenAt = Date.now();
  await sleep(1000);
  const health = await send(`${service.url}/health`, { timeoutMs: 15_000 });
  const healthMs = Date.now() - frozenAt - 1000;
  await sleep(FREEZE_MS - (Date.now() - frozenAt));
  const thawedAt = Date.now();
  db.thaw();
  await waitFor(
    'acknowledged events after the thaw',
    async () => sent.filter((s) => s.kind === 'event' && s.sentAt > thawedAt && s.status === 200).length >= SENDERS * 5,
    30_000,
  );
  const recoveredMs = Date.now() - thawedAt;
  stopping = true;
  await Promise.all(clients);

  expect(pids.length).toBeGreaterThan(3); // the postmaster, its auxiliary processes and the service's backends
  expect(service.alive()).toBe(true);
  expect(health.status).toBe(503);
  expect(healthMs).toBeLessThan(5000);

  // Nothing hung: every request answered within 10 s, with 200 or 503 only (0 would be a client timeout).
  const slowest = Math.max(...sent.map((s) => s.answeredAt - s.sentAt));
  expect(slowest).toBeLessThan(10_000);
  expect([...new Set(sent.map((s) => s.status))].sort()).toEqual([200, 503]);
  // Whatever was asked and answered while frozen was a 503, events and reads alike.
  const whileFrozen = sent.filter((s) => s.sentAt > frozenAt && s.answeredAt < thawedAt);
  expect(whileFrozen.filter((s) => s.kind === 'event').length).toBeGreaterThan(SENDERS);
  expect(whileFrozen.filter((s) => s.kind === 'read').length).toBeGreaterThan(0);
  expect(whileFrozen.filter((s) => s.status !== 503)).toEqual([]);
  // The same process serves again soon after the thaw, without a restart.
  expect(recoveredMs).toBeLessThan(20_000);
  expect((await send(`${service.url}/health`)).status).toBe(200);

  // Every acknowledged event is stored: the order's level, one note per change, one settled event each.
  const acknowledged = new Map<string, string[]>();
  for (const s of sent)
    if (s.kind === 'event' && s.status === 200) acknowledged.set(s.ref, [...(acknowledged.get(s.ref) ?? []), s.level!]);
  expect(await missingAcknowledgedEvents(db, acknowledged)).toEqual([]);
  const refs = [...acknowledged.keys()];
  expect((await api(service.url, 'GET', `/orders/${refs[0]}`)).status).toBe(200);
  console.log(
    `freeze: ${sent.length} requests, slowest ${slowest} ms, ${whileFrozen.length} answered while frozen, ` +
      `recovered ${recoveredMs} ms after the thaw, /health ${health.status} in ${healthMs} ms`,
  );
});
