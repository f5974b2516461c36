/**
 * SQL of this module's table for other modules' filters (they must not write their own against
 * legal_reviews): a check record (alias) has a passed review of exactly its current version — what
 * approval of a major enforcement decision needs (see RecordsService.approve).
 */
export function passedReviewOfCurrentVersionSql(recordAlias: string): string {
  return `EXISTS (SELECT 1 FROM legal_reviews lr WHERE lr.record_id = ${recordAlias}.id AND lr.record_version = ${recordAlias}.version AND lr.decision = 'pass')`;
}
