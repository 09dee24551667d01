import { ValidationFailedError } from '../common/domain-errors.js';
import { parseCorrectionsCsv } from './corrections-csv.js';

describe('parseCorrectionsCsv', () => {
  test('quoted commas, doubled quotes and newlines; empty value = null, empty note = absent', () => {
    const csv =
      'order_ref_1,field,value,note\r\n' +
      'A1,delivery_address.address_line_1,"Calle ""Mayor"", 5\nPiso 2","a, b"\r\n' +
      'A1,delivery_address.phone,,\r\n';
    expect(parseCorrectionsCsv(csv)).toEqual([
      { order_ref_1: 'A1', field: 'delivery_address.address_line_1', value: 'Calle "Mayor", 5\nPiso 2', note: 'a, b' },
      { order_ref_1: 'A1', field: 'delivery_address.phone', value: null },
    ]);
  });

  test('header names are matched case- and space-insensitively, in any order', () => {
    expect(parseCorrectionsCsv(' Value ,FIELD,order_ref_1\nx@example.com,customer.email,A1\n')).toEqual([
      { order_ref_1: 'A1', field: 'customer.email', value: 'x@example.com' },
    ]);
  });

  test.each([
    ['order_ref_1,field,value,value\nA,b,c,d\n'],
    ['order_ref_1,field\nA,b\n'],
    ['order_ref_1,field,value\n"A,b,c\n'],
    ['order_ref_1,field,value\nA,b\n'],
  ])('refuses %j with a validation error on "csv"', (csv) => {
    expect(() => parseCorrectionsCsv(csv)).toThrow(ValidationFailedError);
  });
});
