import { sequraOrderRefOf } from './sequra-client.js';

describe("sequraOrderRefOf (the solicitation's Location)", () => {
  it.each([
    [
      'https://sandbox.sequrapi.com/orders/1dc26b35-06f6-41d6-b6f5-d0eb6c66aad1',
      '1dc26b35-06f6-41d6-b6f5-d0eb6c66aad1',
    ],
    ['https://sandbox.sequrapi.com/orders/testUUID', 'testUUID'],
    ['/orders/1dc26b35-06f6-41d6-b6f5-d0eb6c66aad1', '1dc26b35-06f6-41d6-b6f5-d0eb6c66aad1'],
    ['https://sandbox.sequrapi.com/orders/abc-123/', 'abc-123'],
    ['https://sandbox.sequrapi.com/orders/abc-123?x=1#y', 'abc-123'],
  ])('%s → %s (its last path segment, as seQura’s core takes it)', (location, uuid) => {
    expect(sequraOrderRefOf(location)).toBe(uuid);
  });

  it.each([
    [undefined],
    [''],
    ['https://sandbox.sequrapi.com/'],
    ['https://sandbox.sequrapi.com/orders/a%20b'],
    ['https://sandbox.sequrapi.com/orders/%E0%A4%A'],
    [`https://sandbox.sequrapi.com/orders/${'a'.repeat(65)}`],
  ])('%s → null: nothing that fits a seQura order reference', (location) => {
    expect(sequraOrderRefOf(location)).toBeNull();
  });
});
