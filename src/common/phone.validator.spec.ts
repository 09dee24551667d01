import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsPhone, PHONE_CHARACTERS_MESSAGE, PHONE_DIGITS_MESSAGE, phoneProblem } from './phone.validator.js';

// The verdicts of both paths (registration, corrections, the page) are pinned in
// test/data-sync/phone-rule.e2e-spec.ts; these pin the wording and the edges of the rule itself.
describe('phoneProblem', () => {
  it('accepts national and international numbers, ignoring surrounding spaces', () => {
    for (const phone of ['600000000', '+34 600 00 00 00', '0034 600000000', '(91) 123-45.67', ' 600000000\n', '123']) {
      expect({ phone, problem: phoneProblem(phone) }).toEqual({ phone, problem: undefined });
    }
  });

  it('says what is wrong: the characters first, then the number of digits', () => {
    expect(phoneProblem('call me')).toBe(PHONE_CHARACTERS_MESSAGE);
    expect(phoneProblem('34+600')).toBe(PHONE_CHARACTERS_MESSAGE);
    expect(phoneProblem('6'.repeat(33))).toBe(PHONE_CHARACTERS_MESSAGE);
    expect(phoneProblem('12')).toBe(PHONE_CHARACTERS_MESSAGE);
    expect(phoneProblem('+-()')).toBe(PHONE_DIGITS_MESSAGE);
    expect(phoneProblem('1-2')).toBe(PHONE_DIGITS_MESSAGE);
    expect(phoneProblem(600000000)).toBe('must be a string');
    expect(phoneProblem(null)).toBe('must be a string');
  });
});

describe('@IsPhone', () => {
  class Contact {
    @IsPhone() mobile_phone: unknown;
  }

  it('names the property in its one message', async () => {
    const errors = await validate(plainToInstance(Contact, { mobile_phone: '++34' }));
    expect(errors.map((e) => e.constraints)).toEqual([{ isPhone: `mobile_phone ${PHONE_CHARACTERS_MESSAGE}` }]);
    expect(await validate(plainToInstance(Contact, { mobile_phone: '+34 600 000 000' }))).toEqual([]);
  });
});
