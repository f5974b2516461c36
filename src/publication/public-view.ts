/**
 * What the public may see of a check result — built field by field from an allow-list, never by
 * hiding fields of internal objects. Never: ID numbers, phones, contact persons, evidence, remarks,
 * reviewers' opinions. Pure.
 */
import { resultLabel } from '../checks/result-codes';

export interface PublicResult {
  entity: { name: string; uscc: string; address: string | null };
  department: { id: string; name: string };
  items: { code: string; name: string; legalBasis: string }[];
  planId: string;
  drawId: string;
  inspectionDate: string;
  inspectors: { name: string; certificateNumber: string }[];
  results: { code: string; label: string }[];
  rectification: { ordered: number; rectified: number; open: number; orders?: PublicRectificationOrder[] };
}

/**
 * One 责令改正 order as the public sees it: its dates and state, never its text (the requirement may
 * name people or details). Absent from results published before it existed (optional).
 */
export interface PublicRectificationOrder {
  issuedOn: string;
  dueOn: string;
  /** open: not followed up yet; rectified / not_rectified: the follow-up's finding. */
  state: 'open' | 'rectified' | 'not_rectified';
  followedUpOn: string | null;
}

export const RECTIFICATION_STATE_LABELS: Record<PublicRectificationOrder['state'], string> = { open: '整改中', rectified: '已整改', not_rectified: '复查未整改' };

export interface PublicResultSource {
  entity: { name: string; uscc: string; registeredAddress: string | null };
  department: { id: string; name: string };
  items: { code: string; name: string; legalBasis: string }[];
  planId: string;
  drawId: string;
  checkDate: string;
  present: { name: string; certificateNumber: string }[];
  resultCodes: string[];
  rectifications: { rectified: boolean | null; issuedOn: string; dueOn: string; followedUpOn: string | null }[];
}

export function publicResult(s: PublicResultSource): PublicResult {
  return {
    entity: { name: s.entity.name, uscc: s.entity.uscc, address: s.entity.registeredAddress },
    department: { id: s.department.id, name: s.department.name },
    items: s.items.map(({ code, name, legalBasis }) => ({ code, name, legalBasis })),
    planId: s.planId,
    drawId: s.drawId,
    inspectionDate: s.checkDate,
    inspectors: s.present.map(({ name, certificateNumber }) => ({ name, certificateNumber })),
    results: s.resultCodes.map((code) => ({ code, label: resultLabel(code) })),
    rectification: {
      ordered: s.rectifications.length,
      rectified: s.rectifications.filter((r) => r.rectified === true).length,
      open: s.rectifications.filter((r) => r.rectified !== true).length,
      orders: s.rectifications.map((r) => ({
        issuedOn: r.issuedOn,
        dueOn: r.dueOn,
        state: r.followedUpOn === null ? 'open' : r.rectified ? 'rectified' : 'not_rectified',
        followedUpOn: r.followedUpOn,
      })),
    },
  };
}
