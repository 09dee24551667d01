import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { OrderCheckout } from './order-checkout.js';
import type { OrderState } from './order-states.js';
import type {
  Address,
  Cart,
  Customer,
  DeliveryMethod,
  Quantities,
  Refund,
  ShippedQuantities,
  Tracking,
} from './sequra-objects.js';
import type { SequraView } from './sequra-view.js';

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, used as the keyset for "newest first" pagination (bigint: a string in JS). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'order_ref_1', type: 'varchar', length: 255 })
  orderRef1: string;

  @Column({ name: 'order_ref_2', type: 'varchar', length: 255, nullable: true })
  orderRef2: string | null;

  @Column({ name: 'sequra_order_ref', type: 'varchar', length: 64, nullable: true })
  sequraOrderRef: string | null;

  /**
   * The seQura checkout this service started (`POST /orders/:ref/checkout`): the latest
   * solicitation's account, URLs and layout; `sequraOrderRef` is its seQura order. Null when the
   * shop started the seQura order itself.
   */
  @Column({ type: 'jsonb', nullable: true })
  checkout: OrderCheckout | null;

  @Column({ type: 'varchar', length: 16 })
  state: OrderState;

  /**
   * The seQura merchant account the order belongs to, chosen at registration (by country, or given):
   * every call to seQura for the order uses it. Never changed (not updatable through the entity).
   */
  @Column({ name: 'sequra_merchant_id', type: 'varchar', length: 255, update: false })
  sequraMerchantId: string;

  @Column({ name: 'risk_level', type: 'varchar', length: 64, nullable: true })
  riskLevel: string | null;

  @Column({ type: 'jsonb' })
  cart: Cart;

  @Column({ name: 'shipped_quantities', type: 'jsonb', default: () => "'{}'" })
  shippedQuantities: ShippedQuantities;

  /** Units cancelled before shipping, per item reference: they leave seQura's `unshipped_cart`. */
  @Column({ name: 'cancelled_quantities', type: 'jsonb', default: () => "'{}'" })
  cancelledQuantities: Quantities;

  /** Returns and money refunds, oldest first (see sequra-view.ts for what seQura is told). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  refunds: Refund[];

  /**
   * The carts seQura last acknowledged (the confirmation, an Order Update it answered 2xx), or null
   * when {@link sequraViewVersion} says a delivery report carried them. Read with `acknowledgedView`.
   */
  @Column({ name: 'sequra_view', type: 'jsonb', nullable: true })
  sequraView: SequraView | null;

  @Column({ name: 'delivery_method', type: 'jsonb', nullable: true })
  deliveryMethod: DeliveryMethod | null;

  @Column({ type: 'jsonb' })
  customer: Customer;

  @Column({ name: 'delivery_address', type: 'jsonb', nullable: true })
  deliveryAddress: Address | null;

  @Column({ name: 'invoice_address', type: 'jsonb', nullable: true })
  invoiceAddress: Address | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  trackings: Tracking[];

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'shipped_at', type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /**
   * Set while the warehouse is picking the order (`POST /orders/:ref/fulfilment`): a seQura cancel request then
   * answers `retry`.
   */
  @Column({ name: 'fulfilment_started_at', type: 'timestamptz', nullable: true })
  fulfilmentStartedAt: Date | null;

  /** When the shopper's personal data was erased (`POST /orders/:ref/erase`); null while it is kept. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
  /**
   * The version at which the order's data were found unfit for a delivery report (left out, with a
   * history note); the claim passes it over until the order changes again.
   */
  @Column({ name: 'unreportable_version', type: 'integer', nullable: true })
  unreportableVersion: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Bumped by every update: optimistic concurrency for editors (ETag), and a cheap change detector. */
  @VersionColumn()
  version: number;

  // Where the order stands with the delivery report: the row of `order_report_states` (one per order
  // that shipped, written and joined by OrderRepository), not columns of `orders`, so that marking a
  // batch reported does not rewrite the wide order rows (see migration 1763820080000).

  /** When seQura was told the order shipped (a delivery report, or an Order Update); null before. */
  reportedAt: Date | null = null;

  /** The shipping-report run that last reported this order to seQura (`GET /shipping-reports/:id`). */
  shippingReportId: string | null = null;

  /** Set by a delivered report: seQura holds the view this order had at that version. */
  sequraViewVersion: number | null = null;
}
