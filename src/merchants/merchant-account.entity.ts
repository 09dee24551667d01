import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One of the API user's seQura merchant accounts, as seQura last listed them (`GET merchants/credentials`)
 * for a deployment and environment: the last good list, so that a start while seQura is down still knows
 * the accounts. Replaced as a whole by each good answer.
 */
@Entity('sequra_merchant_accounts')
export class StoredMerchantAccount {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  deployment: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  env: string;

  /** seQura's order of the list: the first account of a country takes its orders. */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  /** The merchant id (`ref` in seQura's list). */
  @Column({ type: 'varchar', length: 255 })
  ref: string;

  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  /** `sequra` or `svea`, as seQura says (informative: seQura's own core does not read it). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  realm: string | null;

  @Column({ name: 'discovered_at', type: 'timestamptz' })
  discoveredAt: Date;
}
