import { parseMerchantCredentials } from './merchant-credentials.js';

describe('parseMerchantCredentials', () => {
  it("keeps what identifies each account of seQura's fixture, never its secrets", () => {
    // integration-core tests/BusinessLogic/Common/ApiResponses/Connection/SuccessfulResponse.json (two entries).
    const fixture = [
      {
        ref: 'logeecom1',
        name: null,
        country: 'PT',
        allowed_countries: ['ES'],
        currency: 'EUR',
        assets_key: 'assetsKey1',
        contract_options: [],
        extra_information: { type: 'regular', phone_number: '' },
        verify_signature: false,
        signature_secret: 'signature',
        confirmation_path: 'default',
        realm: 'svea',
      },
      {
        ref: 'logeecom4',
        name: null,
        country: 'ES',
        allowed_countries: ['ES'],
        currency: 'EUR',
        assets_key: 'assetsKey4',
        contract_options: [],
        extra_information: { type: 'regular', phone_number: '' },
        verify_signature: false,
        signature_secret: '6f3f3baae89ec0b324f346d73c6c8e70',
        confirmation_path: 'default',
        realm: 'sequra',
      },
    ];
    const accounts = parseMerchantCredentials(fixture);
    expect(accounts).toEqual([
      { ref: 'logeecom1', country: 'PT', name: null, currency: 'EUR', realm: 'svea' },
      { ref: 'logeecom4', country: 'ES', name: null, currency: 'EUR', realm: 'sequra' },
    ]);
    expect(JSON.stringify(accounts)).not.toMatch(/signature|assets/i);
  });

  it('skips entries without a ref, and reads a country that is not two letters as none', () => {
    expect(parseMerchantCredentials([{ country: 'ES' }, null, 'x', { ref: 'a', country: 'Spain' }])).toEqual([
      { ref: 'a', country: null, name: null, currency: null, realm: null },
    ]);
    expect(parseMerchantCredentials([{ ref: 'b', country: 'es', name: 'Shop ES' }])).toEqual([
      { ref: 'b', country: 'ES', name: 'Shop ES', currency: null, realm: null },
    ]);
  });

  it('answers undefined when the answer is not an array', () => {
    expect(parseMerchantCredentials({ errors: ['Access denied'] })).toBeUndefined();
    expect(parseMerchantCredentials('<html>')).toBeUndefined();
    expect(parseMerchantCredentials(null)).toBeUndefined();
  });
});
