import { readWebhookForm } from './webhook-form.js';

describe('readWebhookForm', () => {
  const event = {
    charset: 'UTF-8',
    utf8: '\u221a',
    event: 'cancelled',
    order_ref_1: 'A1',
    order_ref_2: '""',
    order_ref: 'uuid-1',
    m_signature: 'sig',
    m_order: 'A1',
  };

  it('reads a well-formed event and keeps the signature out of the stored payload', () => {
    const form = readWebhookForm('event', event);
    expect(form.errors).toEqual([]);
    expect(form.notification).toMatchObject({ name: 'cancelled', orderRef1: 'A1', sequraOrderRef: 'uuid-1' });
    expect(form.payload).not.toHaveProperty('m_signature');
  });

  it('refuses a NUL character (PostgreSQL cannot store it) and records the request with U+FFFD instead', () => {
    const form = readWebhookForm('event', { ...event, order_ref_1: 'A\u00001', 'x\u0000': ['a\u0000', 'b'] });
    expect(form.errors).toContainEqual({ field: 'body', messages: ['the form must not contain NUL characters (%00)'] });
    expect(form.notification).toBeUndefined();
    expect(form.orderRef1).toBe('A\ufffd1');
    expect(form.payload).toMatchObject({ order_ref_1: 'A\ufffd1', 'x\ufffd': ['a\ufffd', 'b'] });
    expect(JSON.stringify(form)).not.toContain('\\u0000');
  });
});
