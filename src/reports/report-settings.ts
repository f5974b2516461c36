/**
 * How the annual report names the entities it checked — the one place to change it. Pure.
 *
 * The bureau's report names a few units, then the count: "深入A、B、C等17家单位进行现场检查".
 * Which units come first is a choice of the bureau; the default is the order of the first check
 * date in the year (the units visited first), ties broken by name then USCC so the text is stable.
 */
export const ENTITY_NAME_ORDERS = ['first_check_date', 'most_checks', 'name'] as const;
export type EntityNameOrder = (typeof ENTITY_NAME_ORDERS)[number];

export interface ReportSettings {
  /** Order of the checked entities, in the paragraph and in the "检查对象" sheet. */
  entityNameOrder: EntityNameOrder;
  /** How many names the paragraph lists before "等N家". */
  namesListed: number;
}

export const REPORT_SETTINGS: ReportSettings = Object.freeze({
  entityNameOrder: 'first_check_date',
  namesListed: 3,
});

/**
 * For each rule: `orderBy`, the ORDER BY over the per-entity columns `first_check`, `checks`,
 * `name`, `uscc` (report-queries.ts); and `cut`, a key that orderBy sorts by first (ascending),
 * so that only the entities up to the listed ones' cut need their names read — not all of them (null: read
 * every name). Chinese names sort by their bytes (collation "C"): stable whatever the server's locale.
 */
export const ENTITY_ORDER_SQL: Record<EntityNameOrder, { orderBy: string; cut: string | null }> = {
  first_check_date: { orderBy: 'first_check, name COLLATE "C", uscc', cut: 'first_check' },
  most_checks: { orderBy: 'checks DESC, first_check, name COLLATE "C", uscc', cut: '-checks' },
  name: { orderBy: 'name COLLATE "C", uscc', cut: null },
};
