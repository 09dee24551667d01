import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction handle. Services receive one from {@link TransactionRunner.run} and pass it to
 * repository methods, so several repository calls commit or roll back together; only repositories
 * use it to reach the database.
 */
export type Tx = EntityManager;

/** The explicit way to run several repository calls in one transaction. */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
