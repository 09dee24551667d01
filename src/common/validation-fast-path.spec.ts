import 'reflect-metadata';
import type { DynamicModule, Type as Class } from '@nestjs/common';
// Test only: where Nest keeps a module's controllers and a handler's parameters, to list every DTO the
// global pipe validates (a new route's DTO without an example below fails the first test).
import { MODULE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  validate,
  ValidateBy,
  ValidateNested,
  ValidatorOptions,
} from 'class-validator';
import fc from 'fast-check';
import { AppModule } from '../app.module.js';
import { CheckoutFormQuery } from '../checkout/dto/checkout-form.query.js';
import { StartCheckoutDto } from '../checkout/dto/start-checkout.dto.js';
import { loadConfig } from '../config/app-config.js';
import { AddressPatchDto } from '../data-sync/dto/address-patch.dto.js';
import { CustomerPatchDto } from '../data-sync/dto/customer-patch.dto.js';
import { EraseOrderDto } from '../erasure/dto/erase-order.dto.js';
import { OrderUpdateIdParam } from '../needs-attention/dto/order-update-id.param.js';
import { CancelOrderDto } from '../orders/dto/cancel-order.dto.js';
import { ListOrdersQuery } from '../orders/dto/list-orders.query.js';
import { EXAMPLE_REGISTRATION } from '../orders/dto/order-examples.js';
import { RefundOrderDto } from '../orders/dto/refund-order.dto.js';
import { RegisterOrderDto } from '../orders/dto/register-order.dto.js';
import { ShipOrderDto } from '../orders/dto/ship-order.dto.js';
import {
  ListShippingReportsQuery,
  PreviewShippingReportQuery,
} from '../shipping-reports/dto/list-shipping-reports.query.js';
import { ListWebhookEventsQuery } from '../webhooks/dto/list-webhook-events.query.js';
import {
  installedClassValidatorVersion,
  MIRRORED_CLASS_VALIDATOR,
  ValidationFastPath,
} from './validation-fast-path.js';

/** The options the global pipe validates with (createValidationPipe, plus Nest's forbidUnknownValues: false). */
const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, whitelist: true, forbidNonWhitelisted: true };

type Json = unknown;
type Dto = new () => object;

/** A valid request of each DTO the global pipe validates, with as many optional fields as it takes. */
const EXAMPLES = new Map<Dto, Json>([
  [
    RegisterOrderDto,
    {
      ...EXAMPLE_REGISTRATION,
      sequra_order_ref: '5b0c6d2e-8f6a-4c1e-9d3b-2a7f0e4c1b9a',
      sequra_merchant_id: 'shop-es',
      cart: {
        ...EXAMPLE_REGISTRATION.cart,
        gift: false,
        cart_ref: 'c-77',
        items: [
          ...EXAMPLE_REGISTRATION.cart.items,
          { type: 'discount', reference: 'promo', name: 'Promo', total_with_tax: -500 },
          { type: 'handling', name: 'Shipping', total_with_tax: 500, category: 'fees' },
        ],
      },
      customer: {
        ...EXAMPLE_REGISTRATION.customer,
        title: 'Sra.',
        phone: '+34 600 000 000',
        mobile_phone: '(91) 123-45.67',
        date_of_birth: '1985-04-23',
        nin: '12345678Z',
        rating: 90,
        previous_orders: [{ created_at: '2026-01-01T10:00:00Z', amount: 1000, currency: 'EUR', country_code: 'ES' }],
      },
      delivery_address: { ...EXAMPLE_REGISTRATION.delivery_address, state: 'Madrid', company: 'Ñandú S.L.' },
    },
  ],
  [
    ShipOrderDto,
    {
      items: [{ reference: 'shirt1234', quantity: 1 }],
      tracking: {
        type: 'postal',
        reference: 'T1',
        carrier: 'MRW',
        tracking_url: 'https://track.example/1',
        delivered_at: '2026-12-01T10:00:00Z',
      },
      shipped_at: '2026-12-01T09:00:00Z',
    },
  ],
  [CancelOrderDto, { reason: 'out of stock', items: [{ reference: 'shirt1234', quantity: 1 }] }],
  [RefundOrderDto, { items: [{ reference: 'shirt1234', quantity: 1 }], amount: 1250, reason: 'returned' }],
  [
    ListOrdersQuery,
    {
      state: 'pending',
      updated_since: '2026-12-01T00:00:00Z',
      q: 'QW',
      sequra_merchant_id: 'shop-es',
      limit: '10',
      cursor: 'MTIz',
    },
  ],
  [
    StartCheckoutDto,
    {
      customer: { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0' },
      gui: { layout: 'desktop' },
      return_url: 'https://shop.example/thanks',
      abort_url: 'https://shop.example/payment',
    },
  ],
  [CheckoutFormQuery, { product: 'i1', campaign: 'temporary', ajax: 'true' }],
  [
    CustomerPatchDto,
    {
      email: 'ana@example.com',
      given_names: 'Ana',
      surnames: null,
      phone: '600 000 000',
      date_of_birth: '1985-04-23',
      language_code: 'es-ES',
      source: 'merchant',
      note: 'called the shop',
    },
  ],
  [
    AddressPatchDto,
    {
      address_line_1: 'Calle Mayor 2',
      postal_code: '28013',
      city: 'Madrid',
      country_code: 'ES',
      phone: '600 000 000',
      extra: null,
      source: 'sequra_correction',
    },
  ],
  [EraseOrderDto, { reason: 'GDPR erasure request #1234' }],
  [OrderUpdateIdParam, { id: '12' }],
  [
    ListShippingReportsQuery,
    { status: 'sent', trigger: 'manual', sequra_merchant_id: 'shop-es', limit: '10', cursor: 'MTIz' },
  ],
  [PreviewShippingReportQuery, { sequra_merchant_id: 'shop-es' }],
  [ListWebhookEventsQuery, { limit: '10' }],
]);

/** Every class the global pipe validates: the whole `@Body()`, `@Query()` or `@Param()` of every route. */
function dtosOfTheApp(): Set<Dto> {
  const config = loadConfig({ ...process.env, DATABASE_URL: 'postgres://unused', LOG_LEVEL: 'silent' }, () => {});
  const dtos = new Set<Dto>();
  const seen = new Set<unknown>();
  const visit = (module: unknown): void => {
    if (!module || seen.has(module)) return;
    seen.add(module);
    const dynamic = typeof module === 'function' ? undefined : (module as DynamicModule);
    const moduleClass = (dynamic?.module ?? module) as Class;
    const controllers = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) as Class[] | undefined) ?? []),
      ...(dynamic?.controllers ?? []),
    ];
    for (const controller of controllers) {
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
        for (const [key, { index, data }] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          const validated = [RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM].includes(kind);
          const type = types[index];
          const plain = [String, Boolean, Number, Array, Object, Buffer, Date, undefined].includes(type as never);
          if (validated && data === undefined && !plain) dtos.add(type as Dto);
        }
      }
    }
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) as unknown[] | undefined) ?? []),
      ...(dynamic?.imports ?? []),
    ];
    for (const imported of imports) visit(imported);
  };
  visit(AppModule.forRoot(config));
  return dtos;
}

/**
 * Builds the DTO instance as the pipe does (class-transformer) from `value` as a request would carry it (JSON,
 * parsed: objects of Object's prototype, no undefined) and returns both verdicts.
 */
async function verdicts(
  fastPath: ValidationFastPath,
  dto: Dto,
  value: Json,
): Promise<{ passes: boolean; errors: number } | undefined> {
  const body = value === undefined ? value : (JSON.parse(JSON.stringify(value)) as Json);
  const instance: unknown = plainToInstance(dto, body);
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) return undefined;
  return { passes: fastPath.passes(instance, OPTIONS), errors: (await validate(instance, OPTIONS)).length };
}

/** The fast path's one duty: "passes" only where class-validator finds no error. */
async function expectNoHiddenError(fastPath: ValidationFastPath, dto: Dto, body: Json): Promise<void> {
  const found = await verdicts(fastPath, dto, body);
  if (found?.passes) expect({ dto: dto.name, body, errors: found.errors }).toEqual({ dto: dto.name, body, errors: 0 });
}

const LONG = (n: number) => 'x'.repeat(n);

/** Values near the rules' edges: wrong types, out of range, empty and blank, long, unicode. */
const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    1,
    1.5,
    100,
    101,
    200,
    201,
    500,
    501,
    1_000_000,
    1_000_001,
    1_000_000_000,
    1_000_000_001,
    -1_000_000_000,
    -1_000_000_001,
    2 ** 31,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    ' x',
    '\t',
    LONG(16),
    LONG(17),
    LONG(32),
    LONG(33),
    LONG(64),
    LONG(65),
    LONG(255),
    LONG(256),
    LONG(1001),
    LONG(2001),
    '😀'.repeat(128),
    '😀'.repeat(255),
    'e\u0301',
    'ñandú',
    'ＥＳ',
    '\u202eES',
    'ES',
    'es',
    'es-ES',
    'XX',
    'EUR',
    'eur',
    'ana@example.com',
    'ána@exámple.com',
    'not-an-email',
    '+34 600 000 000',
    '++34 600',
    '12',
    '1985-04-23',
    '2026-02-30',
    '2026-12-01T10:00:00Z',
    '2026-12-01T25:00:00Z',
    'https://shop.example/thanks',
    'ftp://shop.example',
    '203.0.113.7',
    '999.1.1.1',
    '5b0c6d2e-8f6a-4c1e-9d3b-2a7f0e4c1b9a',
    'product',
    'discount',
    'other_payment',
    'postal',
    'pickup_store',
    'desktop',
    'merchant',
    'pending',
    'true',
    '10',
    '0',
    [],
    {},
    [{}],
    [1, 2],
    [null],
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path of a JSON value (objects and arrays included), as keys from the root. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

type Mutation =
  | { kind: 'remove' | 'wrap' | 'unwrap'; path: (string | number)[] }
  | { kind: 'replace'; path: (string | number)[]; value: Json }
  | { kind: 'add'; path: (string | number)[]; key: string; value: Json };

/** `body` with one mutation applied (a copy), or undefined when its path is gone after an earlier one. */
function mutate(body: Json, mutation: Mutation): Json {
  const copy = structuredClone(body);
  const { path } = mutation;
  const holder = { root: copy } as Record<string | number, Json>;
  let parent = holder;
  let last: string | number = 'root';
  for (const key of path) {
    const next = parent[last];
    if (typeof next !== 'object' || next === null) return undefined;
    parent = next as Record<string | number, Json>;
    last = key;
  }
  const current = parent[last];
  switch (mutation.kind) {
    case 'remove':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'replace':
      parent[last] = mutation.value;
      break;
    // An object where an array is expected, and the other way round.
    case 'wrap':
      parent[last] = [current];
      break;
    case 'unwrap':
      parent[last] = Array.isArray(current) ? current[0] : current;
      break;
    case 'add':
      if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
        (current as Record<string, Json>)[mutation.key] = mutation.value;
      }
      break;
  }
  return holder.root;
}

/** One to three mutations of `example`: fields missing, added, of the wrong type or shape, out of range. */
function mutationsOf(example: Json, fieldNames: string[]): fc.Arbitrary<Mutation[]> {
  const path = fc.constantFrom(...pathsOf(example));
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constantFrom('remove', 'wrap', 'unwrap'), path }) as fc.Arbitrary<Mutation>,
    fc.record({ kind: fc.constant('replace'), path, value: edgeValue }) as fc.Arbitrary<Mutation>,
    fc.record({
      kind: fc.constant('add'),
      path,
      key: fc.constantFrom('unknown', 'constructor', ...fieldNames),
      value: edgeValue,
    }) as fc.Arbitrary<Mutation>,
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

/** Rule options none of the service's DTOs uses yet, mirrored all the same. */
class Part {
  @IsInt({ each: true }) @Min(1, { each: true }) sizes: number[];
  @IsString() @MaxLength(3, { validateIf: (part: Part) => part.sizes?.length > 1 }) label?: string;
}
class Whole extends Part {
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Part) parts?: Part[];
}

describe('ValidationFastPath', () => {
  const fastPath = new ValidationFastPath();

  it('has a valid example of every DTO the global pipe validates, and vouches for each as class-validator does', async () => {
    const dtos = dtosOfTheApp();
    expect(dtos.has(RegisterOrderDto)).toBe(true);
    expect([...dtos].filter((dto) => !EXAMPLES.has(dto)).map((dto) => dto.name)).toEqual([]);
    for (const [dto, example] of EXAMPLES) {
      expect({ dto: dto.name, ...(await verdicts(fastPath, dto, example)) }).toEqual({
        dto: dto.name,
        passes: true,
        errors: 0,
      });
    }
  });

  it('never vouches for a request class-validator refuses: mutations of every example', async () => {
    const wordsOf = (value: Json): string[] =>
      pathsOf(value).flatMap((path) => path.filter((key): key is string => typeof key === 'string'));
    const fieldNames = [...new Set([...EXAMPLES.values()].flatMap(wordsOf))];
    for (const [dto, example] of EXAMPLES) {
      await fc.assert(
        fc.asyncProperty(mutationsOf(example, fieldNames), async (mutations) => {
          let body: Json = example;
          for (const mutation of mutations) body = mutate(body, mutation) ?? body;
          await expectNoHiddenError(fastPath, dto, body);
        }),
        { numRuns: dto === RegisterOrderDto ? 2000 : 300 },
      );
    }
  });

  it('agrees with class-validator on cart lines of every type, with and without their amounts', async () => {
    const line = fc.record(
      {
        type: fc.constantFrom('product', 'service', 'handling', 'discount', 'invoice_fee', 'other_payment', 'x'),
        reference: fc.constantFrom('a', 'b', '', undefined),
        price_with_tax: fc.constantFrom(0, 100, -1, 1.5, undefined),
        quantity: fc.constantFrom(1, 2, 0, undefined),
        total_with_tax: fc.constantFrom(100, -100, 0, '1', undefined),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 3 }), async (items) => {
        const body = { ...EXAMPLE_REGISTRATION, cart: { ...EXAMPLE_REGISTRATION.cart, items } };
        const found = await verdicts(fastPath, RegisterOrderDto, body);
        expect({ items, ...found }).toEqual({ items, passes: found?.errors === 0, errors: found?.errors });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with class-validator on `each`, the `validateIf` option, inherited rules and nested arrays', async () => {
    const sizes = fc.array(fc.constantFrom(1, 2, 0, 'x', 1.5), { maxLength: 3 });
    const label = fc.oneof(edgeValue, fc.constantFrom('abc', 'abcd'));
    const part = fc.record({ sizes: fc.oneof(sizes, edgeValue), label }, { requiredKeys: [] });
    const whole = fc.record(
      { sizes, label, parts: fc.oneof(fc.array(fc.oneof(part, edgeValue), { maxLength: 3 }), edgeValue) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(whole, async (body) => {
        const found = await verdicts(fastPath, Whole, body);
        if (found) expect({ body, ...found }).toEqual({ body, passes: found.errors === 0, errors: found.errors });
      }),
      { numRuns: 1000 },
    );
  });

  it('does not vouch for a DTO with a binary value in a nested position (Nest refuses those before validating)', () => {
    const empty = Object.assign(new Whole(), { sizes: [1], label: 'abc', parts: [] });
    expect(fastPath.passes(empty, OPTIONS)).toBe(true);
    // Jest's typed arrays and Buffers come from Node's own realm (not `instanceof` this module's Object, so
    // refused anyway): these are given this realm's Object.prototype, as the service's own values have.
    for (const binary of [Buffer.alloc(0), new Uint8Array(0), new DataView(new ArrayBuffer(0))]) {
      Object.setPrototypeOf(binary, Object.prototype);
      expect(fastPath.passes(Object.assign(new Whole(), { ...empty, parts: [binary] }), OPTIONS)).toBe(false);
    }
  });

  it('leaves a class with a constraint it does not list to class-validator', async () => {
    class Unlisted {
      @ValidateBy({ name: 'isEven', validator: { validate: (value) => typeof value === 'number' && value % 2 === 0 } })
      n: number;
    }
    expect(await verdicts(fastPath, Unlisted, { n: 2 })).toEqual({ passes: false, errors: 0 });
    expect(await verdicts(fastPath, Unlisted, { n: 3 })).toEqual({ passes: false, errors: 1 });
  });

  it('leaves every call to class-validator under options it does not mirror', () => {
    const instance = plainToInstance(RegisterOrderDto, structuredClone(EXAMPLE_REGISTRATION));
    expect(fastPath.passes(instance, OPTIONS)).toBe(true);
    expect(fastPath.passes(instance, { ...OPTIONS, groups: ['x'] })).toBe(false);
    expect(fastPath.passes(instance, { ...OPTIONS, skipMissingProperties: true })).toBe(false);
    expect(fastPath.passes(instance, { ...OPTIONS, stopAtFirstError: true })).toBe(false);
  });

  it('mirrors the installed class-validator, and turns itself off (saying so once) for another version', () => {
    expect(installedClassValidatorVersion().split('.').slice(0, 2).join('.')).toBe(MIRRORED_CLASS_VALIDATOR);
    expect(fastPath.enabled).toBe(true);
    const warnings: string[] = [];
    const other = new ValidationFastPath({ installedVersion: '0.16.0', warn: (m) => warnings.push(m) });
    expect(other.enabled).toBe(false);
    const instance = plainToInstance(RegisterOrderDto, structuredClone(EXAMPLE_REGISTRATION));
    expect(other.passes(instance, OPTIONS)).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('class-validator 0.16.0 is installed')]);
  });
});
