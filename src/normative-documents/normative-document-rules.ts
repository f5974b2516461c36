/**
 * Rules of a 行政规范性文件's dates, framework-free (normative-document-rules.spec.ts). 国办发〔2018〕37号: a
 * document passes 合法性审核 before it is issued, and one not published is no basis for administration, so it
 * is published no later than it takes effect.
 */
export interface DocumentDates {
  issuedOn: string;
  effectiveFrom: string;
  expiresOn: string | null;
  publishedOn: string | null;
}

export interface DocumentProblem {
  code: string;
  field: string;
  message: string;
}

export function documentDateProblem(d: DocumentDates, review: { decision: 'pass' | 'return'; reviewedOn: string }, today: string): DocumentProblem | null {
  if (review.decision !== 'pass') return { code: 'LEGAL_REVIEW_NOT_PASSED', field: 'legalReviewId', message: '该法制审核的结论为退回，未通过审核的规范性文件不得印发' };
  if (d.issuedOn > today) return { code: 'DOCUMENT_DATES_INVALID', field: 'issuedOn', message: '印发日期不能晚于今天' };
  if (review.reviewedOn > d.issuedOn) return { code: 'LEGAL_REVIEW_AFTER_ISSUE', field: 'legalReviewId', message: `法制审核（${review.reviewedOn}）应在印发（${d.issuedOn}）之前完成` };
  if (d.effectiveFrom < d.issuedOn) return { code: 'DOCUMENT_DATES_INVALID', field: 'effectiveFrom', message: '施行日期不能早于印发日期' };
  if (d.expiresOn !== null && d.expiresOn < d.effectiveFrom) return { code: 'DOCUMENT_DATES_INVALID', field: 'expiresOn', message: '有效期至不能早于施行日期' };
  if (d.publishedOn !== null) {
    if (d.publishedOn < d.issuedOn) return { code: 'DOCUMENT_DATES_INVALID', field: 'publishedOn', message: '公布日期不能早于印发日期' };
    if (d.publishedOn > today) return { code: 'DOCUMENT_DATES_INVALID', field: 'publishedOn', message: '公布日期不能晚于今天' };
    if (d.publishedOn > d.effectiveFrom) return { code: 'PUBLISHED_AFTER_EFFECT', field: 'publishedOn', message: '未经公布的规范性文件不得作为行政管理依据：公布日期不能晚于施行日期' };
  }
  return null;
}

export function documentStatus(d: DocumentDates, today: string): 'unpublished' | 'pending' | 'in_force' | 'expired' {
  if (!d.publishedOn) return 'unpublished';
  if (d.expiresOn !== null && d.expiresOn < today) return 'expired';
  return d.effectiveFrom > today ? 'pending' : 'in_force';
}
