import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  validate,
  ValidateNested,
  ValidatorOptions,
} from 'class-validator';
import { Type } from 'class-transformer';
import fc from 'fast-check';
import { CheckoutFormQuery } from '../checkout/dto/checkout-form.query.js';
import { StartCheckoutDto } from '../checkout/dto/start-checkout.dto.js';
import { AddressPatchDto } from '../data-sync/dto/address-patch.dto.js';
import { CorrectionRowDto } from '../data-sync/dto/correction-row.dto.js';
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
import { ValidationFastPath } from './validation-fast-path.js';

/** The options the global pipe validates with (createValidationPipe, plus Nest's forbidUnknownValues: false). */
const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, whitelist: true, forbidNonWhitelisted: true };

type Json = unknown;
type Dto = new () => object;

/**
 * The fast path's one duty: to say "passes" only where class-validator finds no error (else an invalid DTO
 * would get through). It should also say so wherever class-validator does, or it saves nothing; both are
 * checked here, on the DTO instances the pipe builds (class-transformer, as Nest calls it).
 */
async function expectSameVerdict(fastPath: ValidationFastPath, dto: Dto, value: Json): Promise<void> {
  // What a request body is: JSON, parsed (objects with Object's prototype, no undefined).
  const body = value === undefined ? value : (JSON.parse(JSON.stringify(value)) as Json);
  const instance: unknown = plainToInstance(dto, body);
  if (typeof instance !== 'object' || instance === null || Array.isArray(instance)) return;
  const errors = await validate(instance, OPTIONS);
  expect({ body, passes: fastPath.passes(instance, OPTIONS) }).toEqual({ body, passes: errors.length === 0 });
}

/** Values near the rules' edges: empty, blank, long, wrong types, the shapes a field expects and misses. */
const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    ' x',
    'x'.repeat(255),
    'x'.repeat(256),
    'ES',
    'es',
    'es-ES',
    'XX',
    'EUR',
    'eur',
    'ana@example.com',
    'not-an-email',
    '+34 600 000 000',
    '12',
    '2020-01-31',
    '2020-13-45',
    '2026-12-01T10:00:00Z',
    'https://shop.example/thanks',
    '5b0c6d2e-8f6a-4c1e-9d3b-2a7f0e4c1b9a',
    'product',
    'discount',
    'service',
    'postal',
    'pickup_store',
    'desktop',
    'true',
    '10',
    0,
    -1,
    1,
    1.5,
    100,
    101,
    1_000_000_000,
    1_000_000_001,
    -1_000_000_000,
    Number.MAX_SAFE_INTEGER,
    true,
    false,
    [],
    {},
    [{}],
    [1, 2],
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every path of a JSON value (objects and arrays included), as keys from the root. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

/** `body` with the value at `path` replaced (undefined: deleted), or a key `extra` added next to it. */
function mutate(body: Json, path: (string | number)[], value: Json, extra?: string): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (extra !== undefined && !Array.isArray(parent)) parent[extra] = value;
  else if (value === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  return copy;
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

  it('passes the example registration, as class-validator does', async () => {
    await expectSameVerdict(fastPath, RegisterOrderDto, structuredClone(EXAMPLE_REGISTRATION));
  });

  it('agrees with class-validator on registrations with one to three fields changed, removed or added', async () => {
    const paths = pathsOf(structuredClone(EXAMPLE_REGISTRATION)).slice(1);
    const change = fc.record({
      path: fc.constantFrom(...paths),
      value: edgeValue,
      extra: fc.option(fc.constantFrom('unknown', 'constructor', 'type', 'reference', 'quantity', 'email')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        let body: Json = structuredClone(EXAMPLE_REGISTRATION);
        for (const { path, value, extra } of changes) {
          // A path may be gone after an earlier change: then that change is skipped.
          try {
            body = mutate(body, path, value, extra ?? undefined);
          } catch {
            continue;
          }
        }
        await expectSameVerdict(fastPath, RegisterOrderDto, body);
      }),
      { numRuns: 1500 },
    );
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
        const body = structuredClone(EXAMPLE_REGISTRATION) as unknown as { cart: { items: unknown[] } };
        body.cart.items = items;
        await expectSameVerdict(fastPath, RegisterOrderDto, body);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with class-validator on every other request DTO, with values built from the DTO's own fields", async () => {
    const dtos: Dto[] = [
      ShipOrderDto,
      CancelOrderDto,
      RefundOrderDto,
      ListOrdersQuery,
      StartCheckoutDto,
      CheckoutFormQuery,
      CustomerPatchDto,
      AddressPatchDto,
      CorrectionRowDto,
      EraseOrderDto,
      OrderUpdateIdParam,
      ListShippingReportsQuery,
      PreviewShippingReportQuery,
      ListWebhookEventsQuery,
    ];
    const storage = getMetadataStorage();
    const fieldsOf = (dto: Dto) => [
      ...new Set(storage.getTargetValidationMetadatas(dto, '', false, false).map((m) => m.propertyName)),
    ];
    // Nested shapes (items, tracking, customer, gui…) take objects made of every DTO's field names.
    const allFields = [...new Set(dtos.flatMap(fieldsOf)), 'unknown'];
    const nested: fc.Arbitrary<Json> = fc.dictionary(fc.constantFrom(...allFields), edgeValue, { maxKeys: 4 });
    const value = fc.oneof(edgeValue, nested, fc.array(nested, { maxLength: 2 }));
    for (const dto of dtos) {
      const body = fc.dictionary(fc.constantFrom(...fieldsOf(dto), 'unknown'), value, { maxKeys: 6 });
      await fc.assert(
        fc.asyncProperty(body, (b) => expectSameVerdict(fastPath, dto, b)),
        { numRuns: 200 },
      );
    }
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
      fc.asyncProperty(whole, (b) => expectSameVerdict(fastPath, Whole, b)),
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

  it('leaves every call to class-validator under options it does not mirror', () => {
    const instance = plainToInstance(RegisterOrderDto, structuredClone(EXAMPLE_REGISTRATION));
    expect(fastPath.passes(instance, OPTIONS)).toBe(true);
    expect(fastPath.passes(instance, { ...OPTIONS, groups: ['x'] })).toBe(false);
    expect(fastPath.passes(instance, { ...OPTIONS, skipMissingProperties: true })).toBe(false);
  });
});
