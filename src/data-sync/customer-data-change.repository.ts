import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction-runner.js';
import { CustomerDataChange } from './customer-data-change.entity.js';

/** An audit row before it is written: the database assigns `id` and `created_at`. */
export type NewCustomerDataChange = Omit<CustomerDataChange, 'id' | 'createdAt'>;

/**
 * The audit trail of customer-data edits (`customer_data_changes`). Rows are only ever appended,
 * in the transaction of the edit they record: the table refuses UPDATE, DELETE and TRUNCATE, but
 * for the erasure of a shopper's data ({@link eraseForOrder}).
 */
@Injectable()
export class CustomerDataChangeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends `rows` in the edit's transaction and answers them as stored (id, created_at). */
  append(tx: Tx, rows: NewCustomerDataChange[]): Promise<CustomerDataChange[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return tx.getRepository(CustomerDataChange).save(rows.map((row) => tx.create(CustomerDataChange, row)));
  }

  /**
   * The erasure of a shopper's data: replaces the recorded values (`before`, `after`, `note`) of the
   * order's rows with `[erased]`, in the caller's transaction, through `erase_customer_data_changes`,
   * the one UPDATE the table's trigger lets through (see the erasure migration). Returns the rows.
   */
  async eraseForOrder(tx: Tx, orderId: string): Promise<number> {
    const [{ erased }]: { erased: number }[] = await tx.query('SELECT erase_customer_data_changes($1) AS erased', [
      orderId,
    ]);
    return erased;
  }

  /** An order's audit rows, newest first (the `(order_id, id DESC)` index). */
  listForOrder(orderId: string, tx: Tx = this.dataSource.manager): Promise<CustomerDataChange[]> {
    return tx.getRepository(CustomerDataChange).find({ where: { orderId }, order: { id: 'DESC' } });
  }
}
