import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction-runner.js';

/** The one writer of `orders`. */
@Injectable()
export class OrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * seQura has a report run: its claimed orders are reported, in the caller's transaction. An order
   * whose version moved since the claim changed after its entry was written: it is left unreported
   * (the run's claims are dropped next, so the following run carries its current data). Returns how
   * many orders were marked.
   */
  async markReportedByRun(tx: Tx, runId: string): Promise<number> {
    const [, reported]: [unknown, number] = await tx.query(
      `UPDATE orders o SET reported_at = clock_timestamp(), updated_at = clock_timestamp(),
         shipping_report_id = c.report_id
       FROM shipping_report_claims c
       WHERE c.report_id = $1 AND o.id = c.order_id AND o.version = c.version`,
      [runId],
    );
    return reported;
  }
}
