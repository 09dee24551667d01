import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { InvalidTransitionError } from '../../src/common/domain-errors.js';
import { TransactionRunner } from '../../src/database/transaction-runner.js';
import type { Caller } from '../../src/orders/order-history-entries.js';
import { OrderLifecycleService } from '../../src/orders/order-lifecycle.service.js';
import { OrderRepository } from '../../src/orders/order.repository.js';
import { acknowledgedView, sequraViewOf } from '../../src/orders/sequra-view.js';
import { OrdersModule } from '../../src/orders/orders.module.js';
import { OrdersService } from '../../src/orders/orders.service.js';
import { OutboxRepository } from '../../src/outbox/outbox.repository.js';
import { changeOrder, ORDERS_WITH_REPORT_STATE, seedOrder } from '../support/order-fixtures.js';
import { startTestModule, TestModule } from '../support/test-module.js';

/**
 * The middle tier: OrdersService, the lifecycle and the two repositories on a real database, called
 * directly (no HTTP). What matters here is what one transaction writes, and what a failure leaves.
 */
let m: TestModule;
let orders: OrdersService;
let lifecycle: OrderLifecycleService;
let outbox: OutboxRepository;
let repository: OrderRepository;
/** Where the fixtures write: this module's OrderRepository. */
let app: { app: TestModule['module'] };

const marta: Caller = { name: 'backoffice', role: 'admin', actor: 'backoffice (Marta)' };

beforeAll(async () => {
  m = await startTestModule([OrdersModule]);
  orders = m.module.get(OrdersService);
  lifecycle = m.module.get(OrderLifecycleService);
  outbox = m.module.get(OutboxRepository);
  repository = m.module.get(OrderRepository);
  app = { app: m.module };
});
afterAll(async () => {
  await m?.close();
});

/** Everything a cancel may write for one order: the row, its history, its outbox rows. */
async function written(ref: string) {
  const [order] = await m.db.query(`SELECT id, state, version, cancelled_at FROM orders WHERE order_ref_1 = $1`, [ref]);
  const history = await m.db.query(
    `SELECT kind, from_state, to_state, cause, actor, details FROM order_history WHERE order_id = $1 ORDER BY id`,
    [order.id],
  );
  const queued = await m.db.query(
    `SELECT kind, status, cancellation_reason FROM sequra_outbox WHERE order_id = $1 ORDER BY id`,
    [order.id],
  );
  return { order, history, queued };
}

describe('a merchant cancel', () => {
  it('writes the transition, its history row and the outbox row together', async () => {
    await seedOrder(app, 'MT-CANCEL-1', { state: 'approved' });

    const cancelled = await orders.cancel('MT-CANCEL-1', { reason: 'out_of_stock' }, marta);

    expect(cancelled).toMatchObject({ state: 'cancelled', version: 2 });
    const { order, history, queued } = await written('MT-CANCEL-1');
    expect(order).toMatchObject({ state: 'cancelled', version: 2 });
    expect(order.cancelled_at).toBeInstanceOf(Date);
    expect(history).toEqual([
      {
        kind: 'transition',
        from_state: 'approved',
        to_state: 'cancelled',
        cause: 'admin',
        actor: 'backoffice (Marta)',
        details: { reason: 'out_of_stock' },
      },
    ]);
    expect(queued).toEqual([{ kind: 'cancellation', status: 'pending', cancellation_reason: 'out_of_stock' }]);
  });

  it('rolls everything back when the outbox write fails: no transition, no history, no outbox row', async () => {
    await seedOrder(app, 'MT-CANCEL-2', { state: 'approved' });
    const enqueue = jest.spyOn(outbox, 'enqueue').mockRejectedValue(new Error('outbox unavailable'));
    try {
      await expect(orders.cancel('MT-CANCEL-2', {}, marta)).rejects.toThrow('outbox unavailable');
    } finally {
      enqueue.mockRestore();
    }

    const { order, history, queued } = await written('MT-CANCEL-2');
    expect(order).toMatchObject({ state: 'approved', version: 1, cancelled_at: null });
    expect(history).toEqual([]);
    expect(queued).toEqual([]);
  });

  it('of an already cancelled order writes nothing more', async () => {
    await seedOrder(app, 'MT-CANCEL-3', { state: 'cancelled' });

    await orders.cancel('MT-CANCEL-3', {}, marta);

    const { order, history, queued } = await written('MT-CANCEL-3');
    expect(order.version).toBe(1);
    expect(history).toEqual([]);
    expect(queued).toEqual([]);
  });
});

describe('the lifecycle', () => {
  it('refuses a transition the table does not have, and the transaction writes nothing', async () => {
    await seedOrder(app, 'MT-SHIPPED', { state: 'shipped' });

    const attempt = lifecycle.withLockedOrder('MT-SHIPPED', async (order, tx) => {
      await lifecycle.update(tx, order, { riskLevel: 'high_risk' });
      return lifecycle.transition(tx, order, 'cancelled', { type: 'merchant_cancel', by: marta });
    });

    await expect(attempt).rejects.toBeInstanceOf(InvalidTransitionError);
    const [row] = await m.db.query(`SELECT state, risk_level, version FROM orders WHERE order_ref_1 = 'MT-SHIPPED'`);
    expect(row).toEqual({ state: 'shipped', risk_level: null, version: 1 });
  });

  it('stamps the entered-at time and stores a typed note as the JSON the history has always had', async () => {
    await seedOrder(app, 'MT-NOTE', { state: 'pending' });
    const orderRef = randomUUID();

    await lifecycle.withLockedOrder('MT-NOTE', async (order, tx) => {
      await lifecycle.transition(tx, order, 'approved', { type: 'ipn_approved', orderRef, productCode: 'pp3' });
      await lifecycle.note(tx, order, { type: 'risk_assessment', from: null, to: 'low_risk', orderRef });
    });

    const { order, history } = await written('MT-NOTE');
    expect(order).toMatchObject({ state: 'approved', version: 2 });
    expect((await orders.get('MT-NOTE')).approvedAt).toBeInstanceOf(Date);
    expect(history).toEqual([
      {
        kind: 'transition',
        from_state: 'pending',
        to_state: 'approved',
        cause: 'ipn',
        actor: 'seQura',
        details: { order_ref: orderRef, product_code: 'pp3' },
      },
      {
        kind: 'note',
        from_state: 'approved',
        to_state: 'approved',
        cause: 'webhook',
        actor: 'seQura',
        details: { event: 'risk_assessment', from_risk_level: null, risk_level: 'low_risk', order_ref: orderRef },
      },
    ]);
  });
});

const refund = { n: 1, items: {}, amount: 100, reason: null, at: new Date().toISOString(), actor: 'test' };

describe('OrderRepository.markReportedByRun', () => {
  it("marks a run's claimed orders reported, except those changed since the claim", async () => {
    const kept = await seedOrder(app, 'MT-REPORT-KEPT', { state: 'shipped' });
    const moved = await seedOrder(app, 'MT-REPORT-MOVED', { state: 'shipped' });
    const runId = randomUUID();
    // The shipping-report side of the fixture: a run and its claims at the versions it was built from.
    await m.db.query(
      `INSERT INTO shipping_reports (id, trigger, batch, order_count, broken_order_count, statistics_count, payload)
       VALUES ($1, 'manual', 1, 2, 0, 0, '\\x00')`,
      [runId],
    );
    await m.db.query(
      `INSERT INTO shipping_report_claims (order_id, order_seq, report_id, version)
       VALUES ($1, $2, $5, 1), ($3, $4, $5, 1)`,
      [kept.id, kept.seq, moved.id, moved.seq, runId],
    );
    const tracking = { type: 'postal' as const, reference: 'T1', carrier: 'MRW', tracking_number: 'TN-2' };
    await changeOrder(app, 'MT-REPORT-MOVED', { trackings: [tracking] });

    const marked = await m.module.get(TransactionRunner).run((tx) => repository.markReportedByRun(tx, runId));

    expect(marked).toBe(1);
    const rows = await m.db.query(
      `SELECT order_ref_1, reported_at IS NOT NULL AS reported, shipping_report_id
       FROM ${ORDERS_WITH_REPORT_STATE}
       WHERE order_ref_1 LIKE 'MT-REPORT-%' ORDER BY order_ref_1`,
    );
    expect(rows).toEqual([
      { order_ref_1: 'MT-REPORT-KEPT', reported: true, shipping_report_id: runId },
      { order_ref_1: 'MT-REPORT-MOVED', reported: false, shipping_report_id: null },
    ]);
    // seQura now holds what the report carried for the kept order: its view at the claimed version.
    const [stored] = await m.db.query(
      `SELECT sequra_view_version, version FROM orders o JOIN order_report_states r ON r.order_seq = o.seq
       WHERE order_ref_1 = 'MT-REPORT-KEPT'`,
    );
    expect(stored).toEqual({ sequra_view_version: 1, version: 1 });
    const keptNow = (await repository.findByRef('MT-REPORT-KEPT'))!;
    expect(acknowledgedView(keptNow)).toEqual(sequraViewOf(keptNow));
    // The next change pins that view before the version moves: it still says what seQura holds.
    const before = sequraViewOf(keptNow);
    await changeOrder(app, 'MT-REPORT-KEPT', { refunds: [refund] });
    const changed = (await repository.findByRef('MT-REPORT-KEPT'))!;
    expect(changed).toMatchObject({ version: 2, sequraViewVersion: null });
    expect(acknowledgedView(changed)).toEqual(before);
    expect(sequraViewOf(changed)).not.toEqual(before);
  });
  /** A run of `refs` (shipped orders) claimed at version 1, as the claim writes it. */
  async function claimedRun(refs: string[]): Promise<string> {
    const runId = randomUUID();
    await m.db.query(
      `INSERT INTO shipping_reports (id, trigger, batch, order_count, broken_order_count, statistics_count, payload)
       VALUES ($1, 'manual', 1, $2, 0, 0, '\\x00')`,
      [runId, refs.length],
    );
    await m.db.query(
      `INSERT INTO shipping_report_claims (order_id, order_seq, report_id, version)
       SELECT id, seq, $1, 1 FROM orders WHERE order_ref_1 = ANY($2::text[])`,
      [runId, refs],
    );
    return runId;
  }

  /** Until another session waits on a lock in a statement containing `text`. */
  async function lockWaitOn(text: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const [{ n }] = await m.db.query(
        `SELECT count(*)::integer AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${text}%`],
      );
      if (n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no session waited on a lock in '${text}'`);
  }

  /** A promise, and the function that resolves it: one transaction tells the test, or waits for it. */
  function signal(): { done: Promise<void>; fire: () => void } {
    let fire!: () => void;
    const done = new Promise<void>((resolve) => (fire = resolve));
    return { done, fire };
  }

  it('waits for a change of a claimed order in flight, and then leaves that order unreported', async () => {
    await seedOrder(app, 'MT-RACE-CHANGE', { state: 'shipped' });
    const runId = await claimedRun(['MT-RACE-CHANGE']);
    const transactions = m.module.get(TransactionRunner);
    const [locked, released] = [signal(), signal()];
    const tracking = { type: 'postal' as const, reference: 'T1', carrier: 'MRW', tracking_number: 'TN-3' };
    const change = transactions.run(async (tx) => {
      const order = (await repository.lockByRef(tx, 'MT-RACE-CHANGE'))!;
      await repository.update(tx, order, { trackings: [tracking] });
      locked.fire();
      await released.done;
    });
    await locked.done;
    const marking = transactions.run((tx) => repository.markReportedByRun(tx, runId));
    await lockWaitOn('FOR UPDATE OF r');
    released.fire();
    await change;

    // Its entry was built from version 1: the next run carries version 2.
    expect(await marking).toBe(0);
    expect(await repository.findByRef('MT-RACE-CHANGE')).toMatchObject({ version: 2, reportedAt: null });
  });

  it('makes a change of an order it marks wait, and the change then sees the order reported', async () => {
    await seedOrder(app, 'MT-RACE-MARK', { state: 'shipped' });
    const runId = await claimedRun(['MT-RACE-MARK']);
    const transactions = m.module.get(TransactionRunner);
    const [marked, released] = [signal(), signal()];
    const marking = transactions.run(async (tx) => {
      const n = await repository.markReportedByRun(tx, runId);
      marked.fire();
      await released.done;
      return n;
    });
    await marked.done;
    const change = transactions.run((tx) => repository.lockByRef(tx, 'MT-RACE-MARK'));
    await lockWaitOn('FOR UPDATE');
    released.fire();

    expect(await marking).toBe(1);
    // What decides between an Order Update and the next report: the state after the marking, not before.
    expect(await change).toMatchObject({ version: 1, shippingReportId: runId, sequraViewVersion: 1 });
    expect((await change)!.reportedAt).toBeInstanceOf(Date);
  });
});
