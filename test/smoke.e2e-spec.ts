import { randomUUID } from 'node:crypto';
import { seedOrder } from './support/order-fixtures.js';
import { encodeForm, ipnFormFields, SEQURA_WEBHOOK_HEADERS } from './support/sequra-webhook-request.js';
import { CLOSED_LOCAL_SEQURA, startTestApp, TestApp, WEBHOOK_SECRET } from './support/test-app.js';
import { signOrderRef } from '../src/webhooks/webhook-signature.js';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});
test('health', async () => {
  const r = await t.request('GET', '/health', { key: null });
  expect(r.status).toBe(200);
});

test('an app started without a stand-in never reaches seQura: its calls go to a closed local port', async () => {
  expect(t.config.sequra.baseUrl).toBe(CLOSED_LOCAL_SEQURA);
  await seedOrder(t, 'SMOKE-1');
  const signature = signOrderRef(WEBHOOK_SECRET, 'SMOKE-1');
  const started = Date.now();
  const ipn = await t.request('POST', '/webhooks/sequra/ipn', {
    raw: encodeForm(
      ipnFormFields({
        state: 'approved',
        orderRef1: 'SMOKE-1',
        orderRef: randomUUID(),
        parameters: { signature, order: 'SMOKE-1' },
      }),
    ),
    headers: { ...SEQURA_WEBHOOK_HEADERS },
    key: null,
  });
  // The acknowledgement could not be delivered (connection refused, not a timeout): seQura would retry.
  expect(ipn.status).toBe(503);
  expect(Date.now() - started).toBeLessThan(2000);
});
