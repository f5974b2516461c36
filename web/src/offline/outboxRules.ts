import type { ApiError, Schemas } from '../api/client';
import type { OutboxError, OutboxKind } from './outbox';

/**
 * Why an item waits instead of failing, in Chinese: no network, the server unable to answer now, or
 * the session gone (the refresh cookie needs the network and a sign-in; the queue stays on the device).
 * `null`: the server refused the request itself (a 4xx), which asking again will not change.
 */
export function transientNote(e: ApiError): string | null {
  if (e.status === 0) return '无法连接服务器：联网后自动发送';
  if (e.status === 401) return '登录已失效：请重新登录，登录后自动发送';
  if (e.status === 408 || e.status === 429 || e.status >= 500) return `服务器暂时无法处理（${e.status}）：稍后自动重试`;
  return null;
}

const CONFLICT_CODES = new Set(['VERSION_CONFLICT', 'RECORD_EXISTS', 'IDEMPOTENCY_KEY_REUSED']);
const FILE_CODES = /^(EVIDENCE_|FILE_|UNSUPPORTED|TYPE_|EXTENSION)/;

/** A refusal as the 待同步 page shows it: the server's message, the fields it names, and what to do. */
export function describeError(e: ApiError, kind: OutboxKind): OutboxError {
  const details = e.details.flatMap((d) => {
    const messages = d.constraints ? Object.values(d.constraints) : [(d as { message?: string }).message].filter((m): m is string => !!m);
    return messages.filter((m) => m !== e.message);
  });
  return { code: e.code, status: e.status, message: e.message, details: [...new Set(details)], hint: hintFor(e, kind) };
}

function hintFor(e: ApiError, kind: OutboxKind): string {
  if (CONFLICT_CODES.has(e.code) || e.isConflict) return '检查组其他成员已修改该记录：打开检查表单，点“重新加载并保留我的输入”，核对后再保存；或放弃本项。';
  if (e.code === 'RECORD_NOT_EDITABLE') return '检查记录已提交或审批，不能再修改：放弃本项。';
  if (e.code === 'HASH_MISMATCH') return '重试上传；仍不一致请放弃本项、重新拍摄，并告知系统管理员。';
  if (e.code === 'RECORD_MISSING') return '打开检查表单保存检查记录，然后重试本项。';
  if (e.code === 'PHOTO_MISSING') return '本机已没有该照片（浏览器数据可能被清除）：放弃本项并重新拍摄。';
  if (kind === 'photo' && (FILE_CODES.test(e.code) || e.status === 413)) return '该文件不能作为证据上传：放弃本项，必要时重新拍摄。';
  if (e.status === 403 || e.status === 404) return '任务已不属于您或已取消：放弃本项；如有疑问请联系抽查负责人。';
  if (e.status === 400 || e.status === 422) return kind === 'submit' ? '打开检查表单，按提示补全后重新提交。' : '打开检查表单，按提示修改后重新保存。';
  return '重试；仍失败请放弃本项并联系系统管理员。';
}

type Fields = Schemas['RecordFieldsDto'];
type Rec = Schemas['RecordDto'];

const norm = (v: unknown) => (v === undefined || v === '' ? null : v);

/** Whether the record holds exactly what a save sent (a repeated save whose first answer was lost). */
export function sameFields(r: Rec, f: Fields): boolean {
  const pick = (x: { checkDate?: unknown; place?: unknown; remarks?: unknown }) => [norm(x.checkDate), norm(x.place), norm(x.remarks)];
  const findings = (list: { itemVersionId: string; compliant: boolean; description?: string | null; legalClause?: string | null }[]) =>
    list.map((x) => [x.itemVersionId, x.compliant, norm(x.description), norm(x.legalClause)]);
  const a = {
    base: pick(r),
    present: r.inspectorsPresent.map((p) => p.inspectorId).sort(),
    rep: r.representative ? [r.representative.name, r.representative.role] : null,
    findings: findings(r.findings),
    results: r.results.map((x) => x.code).sort(),
  };
  const b = {
    base: pick(f),
    present: (f.inspectorsPresent ?? []).map((p) => p.inspectorId).sort(),
    rep: f.representative ? [f.representative.name, f.representative.role] : null,
    findings: findings(f.findings ?? []),
    results: [...(f.resultCodes ?? [])].sort(),
  };
  return JSON.stringify(a) === JSON.stringify(b);
}
