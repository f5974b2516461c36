/**
 * The app's connections carry a statement timeout (STAFF_STATEMENT_TIMEOUT_MS) so no request holds a
 * connection and a core for minutes. A long job — an import, publishing or drawing a plan, a report,
 * migrations — is expected to run longer and lifts it for its own transaction only (SET LOCAL ends
 * with the transaction, so the pooled connection keeps the app's limit).
 */
export const LIFT_STATEMENT_TIMEOUT_SQL = 'SET LOCAL statement_timeout = 0';

export async function liftStatementTimeout(tx: { query(sql: string): Promise<unknown> }): Promise<void> {
  await tx.query(LIFT_STATEMENT_TIMEOUT_SQL);
}
