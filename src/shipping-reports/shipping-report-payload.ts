import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip } from 'node:zlib';
import {
  isAmountWithinBounds,
  isCartTotalWithinBounds,
  isQuantityWithinBounds,
  MAX_AMOUNT_CENTS,
  MAX_QUANTITY,
} from '../common/money.js';
import { isConsistentCart, linesTotal } from '../orders/order-cart.js';
import { OrderState, statisticsStatus } from '../orders/order-states.js';
import type {
  Address,
  Cart,
  Customer,
  DeliveryMethod,
  Quantities,
  Refund,
  ShippedQuantities,
  Tracking,
} from '../orders/sequra-objects.js';
import { sequraViewOf } from '../orders/sequra-view.js';
import { withoutEmpty } from '../common/wire-format.js';

/**
 * Pure builders of the delivery report (`POST /orders/delivery_reports`, integration notes §5.2),
 * from order rows read with plain SQL: the claim reads thousands of orders per batch, so it skips
 * entity hydration and reads only these columns.
 */

export const REPORT_ORDER_COLUMNS = [
  'id',
  'seq',
  'version',
  'order_ref_1',
  'order_ref_2',
  'state',
  'cart',
  'shipped_quantities',
  'cancelled_quantities',
  'refunds',
  'trackings',
  'delivery_method',
  'delivery_address',
  'invoice_address',
  'customer',
  'shipped_at',
  'updated_at',
] as const;

export interface ReportOrderRow {
  id: string;
  seq: string;
  version: number;
  order_ref_1: string;
  order_ref_2: string | null;
  state: OrderState;
  cart: Cart;
  shipped_quantities: ShippedQuantities;
  cancelled_quantities: Quantities;
  refunds: Refund[];
  trackings: Tracking[];
  delivery_method: DeliveryMethod | null;
  delivery_address: Address | null;
  invoice_address: Address | null;
  customer: Customer;
  shipped_at: Date | null;
  updated_at: Date;
}

/**
 * The statistics columns, computed in SQL so a page of 1,000 orders does not load 1,000 carts. The
 * amount is the JSON value itself, never cast: a cast (`::integer`) of one stored value it cannot
 * hold would fail the whole page, and with it every report of the week. It is checked here instead.
 */
export const STATISTICS_COLUMNS = `seq, created_at, created_at::text AS created_key, order_ref_1, order_ref_2, state,
  cart->>'currency' AS currency, cart->'order_total_with_tax' AS amount,
  coalesce(delivery_address->>'country_code', invoice_address->>'country_code') AS country`;

export interface StatisticsRow {
  seq: string;
  created_at: Date;
  /** created_at as PostgreSQL prints it (microseconds): the exact keyset value, which a JS Date would round. */
  created_key: string;
  order_ref_1: string;
  order_ref_2: string | null;
  state: OrderState;
  currency: string | null;
  /** The stored JSON value: a number in cents unless the data are broken (then the entry is left out). */
  amount: unknown;
  country: string | null;
}

export interface ReportEntry {
  entry: Record<string, unknown>;
  /** The order's cart lines do not add up to its declared total: it goes in `broken_orders`. */
  broken: boolean;
}

/** An order whose stored data cannot go in a report at all (neither `orders` nor `broken_orders`). */
export interface UnreportableOrder {
  id: string;
  order_ref_1: string;
  version: number;
  /** Why, in words that name fields and bounds, never values (it is logged). */
  reason: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The zone's UTC offset in minutes during the minute `minute` (minutes since the epoch), cached:
 * `formatToParts` costs ~25 µs and a report formats two dates per order. Offsets change only on
 * whole minutes, so the minute is an exact key. The cache is dropped when it grows past a few days
 * of distinct minutes.
 */
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED_MINUTES = 10_000;
function offsetMinutesAt(minute: number, timeZone: string): number {
  let byMinute = offsets.get(timeZone);
  if (!byMinute) offsets.set(timeZone, (byMinute = new Map<number, number>()));
  let offset = byMinute.get(minute);
  if (offset === undefined) {
    const parts: Record<string, string> = {};
    for (const part of formatterFor(timeZone).formatToParts(new Date(minute * 60_000))) parts[part.type] = part.value;
    const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    offset = Math.round((wall - minute * 60_000) / 60_000);
    if (byMinute.size >= MAX_CACHED_MINUTES) byMinute.clear();
    byMinute.set(minute, offset);
  }
  return offset;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2025-01-15T11:00:00+01:00`: ISO 8601 in the shop's time zone with its UTC offset, as seQura's fixtures show. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const offsetMinutes = offsetMinutesAt(Math.floor(seconds / 60), timeZone);
  const wall = new Date((seconds + offsetMinutes * 60) * 1000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${String(wall.getUTCFullYear()).padStart(4, '0')}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}` +
    `T${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}:${pad2(wall.getUTCSeconds())}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

const merchantReference = (ref1: string, ref2: string | null) => ({
  order_ref_1: ref1,
  ...(ref2 ? { order_ref_2: ref2 } : {}),
});

/** The customer as at checkout minus the browser data seQura does not want in a report. */
function reportCustomer(customer: Customer): Customer {
  const { ip_number: _ip, user_agent: _ua, ...rest } = customer;
  return rest;
}

/**
 * One `orders[]` (or `broken_orders[]`) entry from the order as stored now: its first report
 * carries seQura's view of the order (sequra-view.ts), so `cart` = the units shipped and kept, with
 * the order-level lines and any money refund, and `remaining_cart` = the units still to ship (when
 * any), each totalling its own lines. Changes made before this report (returns, refunds, cancelled
 * units, later shipments) are in it, net; changes after it go by Order Update.
 *
 * A broken order's declared total does not match its lines; the unexplained difference travels in
 * `cart` (like order-level lines, it goes with the shipment), so seQura sees the same inconsistency
 * its own `isConsistentCart` check would find.
 */
export function reportOrderEntry(order: ReportOrderRow, timeZone: string): ReportEntry {
  const view = sequraViewOf({
    state: order.state,
    cart: order.cart,
    shippedQuantities: order.shipped_quantities,
    cancelledQuantities: order.cancelled_quantities,
    refunds: order.refunds,
  });
  const shipped = view.shipped_cart;
  const remaining = view.unshipped_cart;
  const broken = !isConsistentCart(order.cart);
  if (broken) shipped.order_total_with_tax += order.cart.order_total_with_tax - linesTotal(order.cart.items);
  const sentAt = order.shipped_at ?? order.updated_at;
  const entry = withoutEmpty({
    state: 'shipped',
    sent_at: isoWithOffset(sentAt, timeZone),
    merchant_reference: merchantReference(order.order_ref_1, order.order_ref_2),
    cart: shipped,
    remaining_cart: remaining.items.length > 0 ? remaining : undefined,
    trackings: order.trackings.length > 0 ? order.trackings : undefined,
    delivery_method: order.delivery_method,
    delivery_address: order.delivery_address,
    invoice_address: order.invoice_address,
    customer: reportCustomer(order.customer),
  });
  return { entry, broken };
}

const CURRENCY = /^[A-Z]{3}$/;

/**
 * What seQura would refuse in an entry's carts, checked before it is sent: the rules of seQura's
 * cart (an ISO 4217 currency; integer cents; lines an array of objects; integer quantities; see
 * the stand-in's `checkCart`), with every line amount within ±{@link MAX_AMOUNT_CENTS}, the total
 * within twice that (a broken order's difference on top of its lines) and every quantity within its
 * bound (src/common/money.ts). A total that does not match the lines is allowed: that is what
 * `broken_orders` is for. Returns the first problem, or undefined.
 */
export function cartProblem(cart: unknown, field: string): string | undefined {
  if (typeof cart !== 'object' || cart === null || Array.isArray(cart)) return `${field} is not an object`;
  const c = cart as Record<string, unknown>;
  if (typeof c.currency !== 'string' || !CURRENCY.test(c.currency)) return `${field}.currency is not an ISO 4217 code`;
  if (!isCartTotalWithinBounds(c.order_total_with_tax))
    return `${field}.order_total_with_tax is not an integer within ±${2 * MAX_AMOUNT_CENTS} cents`;
  if (!Array.isArray(c.items)) return `${field}.items is not an array`;
  for (let i = 0; i < c.items.length; i++) {
    const item: unknown = c.items[i];
    const at = `${field}.items[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${at} is not an object`;
    const line = item as Record<string, unknown>;
    if (!isAmountWithinBounds(line.total_with_tax))
      return `${at}.total_with_tax is not an integer within ±${MAX_AMOUNT_CENTS} cents`;
    if (line.price_with_tax !== undefined && !isAmountWithinBounds(line.price_with_tax))
      return `${at}.price_with_tax is not an integer within ±${MAX_AMOUNT_CENTS} cents`;
    if (line.quantity !== undefined && !isQuantityWithinBounds(line.quantity))
      return `${at}.quantity is not an integer from 1 to ${MAX_QUANTITY}`;
  }
  return undefined;
}

/**
 * One order's entry, or why it cannot be reported: its stored data could not be read into an entry
 * (an exception while building it), or an entry's cart breaks seQura's rules or the bounds. One such
 * order must never fail the report of every other.
 */
export function checkedReportOrderEntry(
  order: ReportOrderRow,
  timeZone: string,
): ReportEntry | { unreportable: string } {
  let built: ReportEntry;
  try {
    built = reportOrderEntry(order, timeZone);
  } catch (error) {
    return { unreportable: `its stored data cannot be read into a report entry (${(error as Error).name})` };
  }
  const problem =
    cartProblem(built.entry.cart, 'cart') ??
    (built.entry.remaining_cart === undefined ? undefined : cartProblem(built.entry.remaining_cart, 'remaining_cart'));
  return problem ? { unreportable: problem } : built;
}

/** One `statistics.orders[]` entry (§5.2), or undefined when its stored amount is not one seQura could take. */
export function checkedStatisticsEntry(row: StatisticsRow, timeZone: string): Record<string, unknown> | undefined {
  if (!isAmountWithinBounds(row.amount, false)) return undefined;
  return statisticsEntry(row, timeZone);
}

/** One `statistics.orders[]` entry (§5.2). Every order here was paid with seQura: `payment_method` is `SQ`. */
export function statisticsEntry(row: StatisticsRow, timeZone: string): Record<string, unknown> {
  return withoutEmpty({
    completed_at: isoWithOffset(row.created_at, timeZone),
    currency: row.currency,
    amount: row.amount,
    merchant_reference: merchantReference(row.order_ref_1, row.order_ref_2),
    payment_method: 'SQ',
    country: row.country,
    status: statisticsStatus(row.state),
    raw_status: row.state,
  });
}

/** What a delivery report is written from: the claimed rows, the statistics rows (undefined: switched off). */
export interface DeliveryReportSource {
  merchantId: string;
  rows: readonly ReportOrderRow[];
  statisticsRows?: readonly StatisticsRow[];
  platform: Record<string, unknown>;
  timeZone: string;
}

export interface WrittenDeliveryReport {
  /** UTF-8 JSON, the same bytes as `JSON.stringify` of the report object of the same entries. */
  json: Buffer;
  orderCount: number;
  /** order_ref_1 of the entries that went in `broken_orders`. */
  brokenRefs: string[];
  /** Rows left out of the report: their data cannot be reported (see {@link checkedReportOrderEntry}). */
  unreportable: UnreportableOrder[];
  statisticsCount: number;
  /** order_ref_1 of the statistics rows left out (their stored amount is not within bounds). */
  skippedStatisticsRefs: string[];
}

/**
 * The body of one POST, serialized straight into a Buffer as each entry is built: a batch is about
 * 1.4 MB of JSON, and neither the entries nor one large string are held until the end. Every entry
 * dies young (the garbage collector frees it cheaply) and the body lives outside the JavaScript heap,
 * which keeps the memory of a 100,000-order report flat and low. Output identical to
 * `JSON.stringify` of the report object (checked by the unit tests against an oracle).
 */
export function writeDeliveryReport(source: DeliveryReportSource): WrittenDeliveryReport {
  const out = new JsonBuffer(source.rows.length * 1600 + (source.statisticsRows?.length ?? 0) * 320 + 1024);
  out.append(`{"delivery_report":{"merchant":${JSON.stringify({ id: source.merchantId })},"orders":[`);
  let orderCount = 0;
  const broken: string[] = [];
  const brokenRefs: string[] = [];
  const unreportable: UnreportableOrder[] = [];
  for (const row of source.rows) {
    const checked = checkedReportOrderEntry(row, source.timeZone);
    if ('unreportable' in checked) {
      unreportable.push({
        id: row.id,
        order_ref_1: row.order_ref_1,
        version: row.version,
        reason: checked.unreportable,
      });
      continue;
    }
    const { entry, broken: isBroken } = checked;
    if (isBroken) {
      // Rare: kept as text until the orders are written.
      broken.push(JSON.stringify(entry));
      brokenRefs.push(row.order_ref_1);
    } else {
      out.append(orderCount++ === 0 ? JSON.stringify(entry) : `,${JSON.stringify(entry)}`);
    }
  }
  out.append(`],"broken_orders":[${broken.join(',')}]`);
  let statisticsCount = 0;
  const skippedStatisticsRefs: string[] = [];
  if (source.statisticsRows) {
    out.append(',"statistics":{"orders":[');
    for (const row of source.statisticsRows) {
      const entry = checkedStatisticsEntry(row, source.timeZone);
      if (!entry) {
        skippedStatisticsRefs.push(row.order_ref_1);
        continue;
      }
      out.append(statisticsCount++ === 0 ? JSON.stringify(entry) : `,${JSON.stringify(entry)}`);
    }
    out.append(']}');
  }
  out.append(`,"platform":${JSON.stringify(source.platform)}}}`);
  return { json: out.result(), orderCount, brokenRefs, unreportable, statisticsCount, skippedStatisticsRefs };
}

/** An append-only UTF-8 buffer that doubles when full. */
class JsonBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(estimate: number) {
    this.buffer = Buffer.allocUnsafe(estimate);
  }

  append(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.length + text.length * 3 > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * A run's body as stored (`shipping_reports.payload`): gzip, level 1. Compressed off the event loop
 * (libuv's thread pool), in a fraction of what PostgreSQL would spend storing the JSON itself.
 */
export function compressPayload(json: Buffer): Promise<Buffer> {
  return gzipAsync(json, { level: 1 });
}

/** The exact JSON bytes of a stored body. */
export function decompressPayload(stored: Buffer): Promise<Buffer> {
  return gunzipAsync(stored);
}

/** For the single-run view (TypeORM column transformer): the stored body as the object it encodes. */
export function parseStoredPayload(stored: Buffer): { delivery_report: Record<string, unknown> } {
  return JSON.parse(gunzipSync(stored).toString('utf8')) as { delivery_report: Record<string, unknown> };
}
