import type { PoolClient } from 'pg';
import type { RowError } from '../columns';

/** A row the writer refused (found while applying), with the row number it came from. */
export interface WriterRowError extends RowError {
  rowNumber: number;
}

export interface WriteOutcome {
  inserted: number;
  updated: number;
  /** Problems found only once rows met the database (duplicates in the file, other departments' records). */
  errors: WriterRowError[];
}

/**
 * Writes one import's valid rows inside the job's transaction. `addBatch` receives rows as they
 * are parsed; `check` reports database-level row errors; `apply` writes everything except the rows
 * it is told to skip.
 */
export interface ImportWriter {
  begin(client: PoolClient): Promise<void>;
  addBatch(rows: { rowNumber: number; record: Record<string, unknown> }[]): Promise<void>;
  check(): Promise<WriterRowError[]>;
  apply(skipRows: Set<number>): Promise<WriteOutcome>;
  /** Ends any streaming statement (COPY) so the transaction can be rolled back after a failure. */
  abort(): Promise<void>;
}
