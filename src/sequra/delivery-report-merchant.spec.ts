import { deliveryReportMerchantId } from './delivery-report-merchant.js';

describe('deliveryReportMerchantId', () => {
  it('reads the account from the first bytes of a body as the report writer lays it out', () => {
    const body = `{"delivery_report":{"merchant":{"id":"shop-\\"pt\\""},"orders":[${'{},'.repeat(10_000)}{}]}}`;
    expect(deliveryReportMerchantId(body)).toBe('shop-"pt"');
    expect(deliveryReportMerchantId(Buffer.from(body))).toBe('shop-"pt"');
    // A view into a larger buffer (as a stored body decompressed into a pool slab would be).
    const inside = Buffer.concat([Buffer.from('xxxx'), Buffer.from(body)]).subarray(4);
    expect(deliveryReportMerchantId(new Uint8Array(inside.buffer, inside.byteOffset, inside.byteLength))).toBe(
      'shop-"pt"',
    );
  });

  it('parses a body laid out otherwise, and answers undefined when none is named', () => {
    expect(deliveryReportMerchantId('{"delivery_report":{"orders":[],"merchant":{"id":"es"}}}')).toBe('es');
    expect(deliveryReportMerchantId('{"delivery_report":{"orders":[]}}')).toBeUndefined();
    expect(deliveryReportMerchantId('not json')).toBeUndefined();
  });
});
