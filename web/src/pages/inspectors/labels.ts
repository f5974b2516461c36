import type { Schemas } from '../../api/client';

/** Labels of the inspector directory (执法人员名录库). */
export const INSPECTOR_STATUS_LABELS: Record<Schemas['InspectorDto']['status'], { label: string; color: string }> = {
  active: { label: '在岗', color: 'green' },
  suspended: { label: '暂扣', color: 'orange' },
  revoked: { label: '吊销', color: 'red' },
};

export const CERTIFICATE_LABELS: Record<'valid' | 'expired' | 'not_yet_valid', string> = { valid: '有效', expired: '已过期', not_yet_valid: '未生效' };

/** The certificate on a date (YYYY-MM-DD strings compare as dates). */
export function certificateStateOn(i: { certificateValidFrom: string; certificateValidUntil: string }, today: string | undefined): keyof typeof CERTIFICATE_LABELS | null {
  if (!today) return null;
  if (today < i.certificateValidFrom) return 'not_yet_valid';
  if (today > i.certificateValidUntil) return 'expired';
  return 'valid';
}
