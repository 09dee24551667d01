import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import type { OrderState } from '../../src/orders/order-states.js';
import { orderBody } from '../support/fixtures.js';
import { seedConfirmedOrder } from '../support/sequra-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';

/** What reaches seQura after an edit: the next shipping report, and the Order Update outbox. */
let t: TestApp;
let standIn: SequraStandIn;
let counter = 0;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  // The relay's poller stays off (OUTBOX_ENABLED=false in tests); the test drains by hand.
  t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_TIMEOUT_MS: '3000' });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

const admin = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
  t.request(method, path, { ...options, key: ADMIN_KEY });

/**
 * A fresh order: registered through the API (pending), or seeded in another state through the
 * repository (and on seQura's side). `reported`: its shipment already went in a delivery report.
 */
async function newOrder(state?: string, reported = false): Promise<string> {
  const ref = `SQ-${++counter}-${Date.now()}`;
  if (state) {
    const set = reported ? { reportedAt: new Date() } : {};
    await seedConfirmedOrder(t, standIn, ref, { state: state as OrderState, set });
  } else expect((await t.request('POST', '/orders', { body: orderBody(ref) })).status).toBe(201);
  return ref;
}

const outbox = (ref: string) =>
  t.db.query('SELECT kind, status FROM sequra_outbox WHERE order_ref_1 = $1 ORDER BY id', [ref]);

async function patch(ref: string, section: string, body: Record<string, unknown>) {
  const tag = (await admin('GET', `/orders/${ref}/customer-data`)).headers.get('etag')!;
  const res = await admin('PATCH', `/orders/${ref}/${section}`, { body, headers: { 'if-match': tag } });
  expect(res.status).toBe(200);
  return res;
}

test('the next shipping report carries the edited address and email', async () => {
  const ref = await newOrder('approved');
  expect((await t.request('POST', `/orders/${ref}/shipments`, { body: {} })).status).toBe(200);
  await patch(ref, 'delivery-address', { address_line_1: 'Calle Nueva 7', postal_code: '08002', city: 'Barcelona' });
  await patch(ref, 'customer', { email: 'ana.corrected@example.com' });

  const preview = await t.request('GET', '/shipping-reports/preview');
  expect(preview.status).toBe(200);
  const entry = preview.body.first_batch.payload.delivery_report.orders.find(
    (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1 === ref,
  );
  expect(entry).toBeDefined();
  expect(entry.delivery_address).toMatchObject({
    address_line_1: 'Calle Nueva 7',
    postal_code: '08002',
    city: 'Barcelona',
    country_code: 'ES',
  });
  expect(entry.invoice_address).toMatchObject({ address_line_1: 'Calle Mayor 1', postal_code: '28013' });
  expect(entry.customer.email).toBe('ana.corrected@example.com');
});

describe('Order Update queued for seQura', () => {
  test.each([
    ['approved', false],
    ['shipped and reported', true],
  ])('a merchant edit of a %s order is queued in the same transaction and reaches seQura', async (state, reported) => {
    const ref = await newOrder(state.split(' ')[0], reported);
    await patch(ref, 'delivery-address', {
      postal_code: '08003',
      city: 'Barcelona',
      source: 'merchant',
      note: 'customer moved',
    });
    expect(await outbox(ref)).toEqual([{ kind: 'customer_data', status: 'pending' }]);

    standIn.reset();
    await t.app.get(OutboxRelayService).drainOnce();
    const put = standIn.requests.find((r) => r.method === 'PUT' && r.path === `/merchants/test-merchant/orders/${ref}`);
    expect(put?.body.order.delivery_address).toMatchObject({ postal_code: '08003', city: 'Barcelona' });
    expect(await outbox(ref)).toEqual([{ kind: 'customer_data', status: 'sent' }]);
  });

  test('a merchant edit of a shipped order not yet reported waits for the report, which carries it', async () => {
    const ref = await newOrder('shipped');
    await patch(ref, 'delivery-address', { city: 'Girona', postal_code: '17001', source: 'merchant' });
    expect(await outbox(ref)).toEqual([]);
    const preview = await t.request('GET', '/shipping-reports/preview');
    const entry = preview.body.first_batch.payload.delivery_report.orders.find(
      (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1 === ref,
    );
    expect(entry.delivery_address).toMatchObject({ city: 'Girona', postal_code: '17001' });
  });

  test('a seQura correction of an approved order is not echoed back', async () => {
    const ref = await newOrder('approved');
    await patch(ref, 'customer', { email: 'from.sequra@example.com' });
    await patch(ref, 'invoice-address', { city: 'Getafe', postal_code: '28901', source: 'sequra_correction' });
    expect(await outbox(ref)).toEqual([]);
  });

  test.each(['pending', 'on_hold'])(
    'a merchant edit of a %s order is not queued (not confirmed at seQura yet)',
    async (state) => {
      const ref = await newOrder(state === 'pending' ? undefined : state);
      await patch(ref, 'customer', { email: 'merchant@example.com', source: 'merchant' });
      expect(await outbox(ref)).toEqual([]);
    },
  );

  test('a merchant edit that changes nothing, or is refused, queues nothing', async () => {
    const ref = await newOrder('approved');
    const same = await patch(ref, 'delivery-address', { city: 'Madrid', source: 'merchant' });
    expect(same.body.changes).toEqual([]);
    const tag = (await admin('GET', `/orders/${ref}/customer-data`)).headers.get('etag')!;
    const refused = await admin('PATCH', `/orders/${ref}/delivery-address`, {
      body: { postal_code: '99999', source: 'merchant' },
      headers: { 'if-match': tag },
    });
    expect(refused.status).toBe(400);
    expect(await outbox(ref)).toEqual([]);
  });

  test('a batch queues one Order Update per order with a merchant row, none for seQura rows', async () => {
    const merchant = await newOrder('approved');
    const sequra = await newOrder('approved');
    const res = await admin('POST', '/customer-data/corrections', {
      body: [
        { order_ref_1: merchant, field: 'delivery_address.city', value: 'Alcalá de Henares', source: 'merchant' },
        { order_ref_1: merchant, field: 'delivery_address.postal_code', value: '28801', source: 'merchant' },
        { order_ref_1: sequra, field: 'customer.email', value: 'seq@example.com' },
      ],
    });
    expect(res.body.summary).toMatchObject({ applied: 3 });
    expect(await outbox(merchant)).toEqual([{ kind: 'customer_data', status: 'pending' }]);
    expect(await outbox(sequra)).toEqual([]);
  });
});
