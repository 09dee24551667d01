import { startTestApp, TestApp } from './support/test-app.js';
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
