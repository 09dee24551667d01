import { ERASED, ERASED_EMAIL, erasedAddress, erasedCustomer } from './personal-data.js';

describe('erasing personal data', () => {
  const customer = {
    given_names: 'Ana',
    surnames: 'García López',
    title: 'Sra.',
    email: 'ana@example.com',
    logged_in: true,
    language_code: 'es',
    ip_number: '203.0.113.7',
    user_agent: 'Mozilla/5.0',
    ref: 'c-1',
    date_of_birth: '1980-01-20',
    nin: '12345678Z',
    phone: '+34 600 000 000',
    mobile_phone: '',
    company: 'Ana SL',
    vat_number: 'B12345678',
    rating: 80,
    previous_orders: [{ created_at: '2024-01-01', amount: 1000, currency: 'EUR', postal_code: '28013' }],
  };

  it('replaces every identifying customer field, keeps the language and login flag, and drops lists', () => {
    expect(erasedCustomer(customer)).toEqual({
      given_names: ERASED,
      surnames: ERASED,
      title: ERASED,
      email: ERASED_EMAIL,
      logged_in: true,
      language_code: 'es',
      ip_number: ERASED,
      user_agent: ERASED,
      ref: ERASED,
      date_of_birth: ERASED,
      nin: ERASED,
      phone: ERASED,
      mobile_phone: '',
      company: ERASED,
      vat_number: ERASED,
    });
    // Nothing of the person survives, in any field.
    const text = JSON.stringify(erasedCustomer(customer));
    for (const value of ['Ana', 'García', 'ana@', '203.0.113', 'Mozilla', '1980', '12345678Z', '600', '28013'])
      expect(text).not.toContain(value);
  });

  it('replaces address lines, postal code, city, names and phones, and keeps the country', () => {
    expect(
      erasedAddress({
        given_names: 'Ana',
        surnames: 'García',
        address_line_1: 'Calle Mayor 1',
        address_line_2: '',
        postal_code: '28013',
        city: 'Madrid',
        state: 'Madrid',
        country_code: 'ES',
        phone: '600000000',
        extra: 'door code 1234',
      }),
    ).toEqual({
      given_names: ERASED,
      surnames: ERASED,
      address_line_1: ERASED,
      address_line_2: '',
      postal_code: ERASED,
      city: ERASED,
      state: ERASED,
      country_code: 'ES',
      phone: ERASED,
      extra: ERASED,
    });
    expect(erasedAddress(null)).toBeNull();
  });

  it('is idempotent: erasing erased data changes nothing', () => {
    const once = erasedCustomer(customer);
    expect(erasedCustomer(once)).toEqual(once);
    const address = erasedAddress({ address_line_1: 'x', city: 'y', postal_code: '1', country_code: 'PT' });
    expect(erasedAddress(address)).toEqual(address);
  });
});
