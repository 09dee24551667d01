import { orderBody } from '../support/fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';

/** What reaches seQura after an edit: the next shipping report, and the Order Update outbox. */
let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const admin = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
  t.request(method, path, { ...options, key: ADMIN_KEY });

async function newOrder(state?: string): Promise<string> {
  const ref = `SQ-${++counter}-${Date.now()}`;
  expect((await t.request('POST', '/orders', { body: orderBody(ref) })).status).toBe(201);
  if (state) await t.db.query('UPDATE orders SET state = $2 WHERE order_ref_1 = $1', [ref, state]);
  return ref;
}

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
  expect(entry.delivery_address).toMatchObject({ address_line_1: 'Calle Nueva 7', postal_code: '08002', city: 'Barcelona', country_code: 'ES' });
  expect(entry.invoice_address).toMatchObject({ address_line_1: 'Calle Mayor 1', postal_code: '28013' });
  expect(entry.customer.email).toBe('ana.corrected@example.com');
});
