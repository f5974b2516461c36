/**
 * The standard result categories of a random check (as on 国家企业信用信息公示系统 and the provincial
 * platforms), kept as stable codes with their Chinese labels. Pure.
 */
export const RESULT_CODES = {
  NO_PROBLEM: { label: '未发现问题', problem: false },
  NOT_DISCLOSED: { label: '未按规定公示应当公示的信息', problem: true },
  FALSE_DISCLOSURE: { label: '公示信息隐瞒真实情况弄虚作假', problem: true },
  UNREACHABLE_AT_ADDRESS: { label: '通过登记的住所（经营场所）无法联系', problem: true },
  RECTIFIED_AFTER_ORDER: { label: '发现问题经责令已改正', problem: true },
  SERIOUS_NON_COOPERATION: { label: '不配合检查情节严重', problem: true },
  NO_RELEVANT_ACTIVITY: { label: '未发现开展本次抽查涉及的经营活动', problem: false },
  PROBLEM_PENDING: { label: '发现问题待后续处理', problem: true },
  CLOSED_OR_LIQUIDATING: { label: '已关闭停业或正在组织清算', problem: false },
  DEREGISTERED_OR_REVOKED: { label: '已注销/被吊销/被撤销/已迁出', problem: false },
  OTHER_DEPARTMENT_VIOLATION: { label: '违反其他部门相关规定', problem: true },
} as const;

export type ResultCode = keyof typeof RESULT_CODES;
export const RESULT_CODE_LIST = Object.keys(RESULT_CODES) as ResultCode[];

export interface ResultCodeProblem {
  code: 'RESULT_CODES_EMPTY' | 'RESULT_CODE_UNKNOWN' | 'RESULT_CODE_DUPLICATE' | 'RESULT_CODES_CONTRADICT' | 'RESULT_CONTRADICTS_FINDINGS';
  message: string;
}

/**
 * A valid combination: at least one known code, no repeats; 未发现问题 never with a problem code,
 * and never when a finding records a problem.
 */
export function checkResultCodes(codes: readonly string[], anyProblemFinding: boolean): ResultCodeProblem | null {
  if (!codes.length) return { code: 'RESULT_CODES_EMPTY', message: '请至少选择一项检查结果' };
  const unknown = codes.filter((c) => !(c in RESULT_CODES));
  if (unknown.length) return { code: 'RESULT_CODE_UNKNOWN', message: `未知的检查结果代码：${unknown.join('、')}` };
  if (new Set(codes).size !== codes.length) return { code: 'RESULT_CODE_DUPLICATE', message: '检查结果代码重复' };
  if (codes.includes('NO_PROBLEM')) {
    const problems = codes.filter((c) => RESULT_CODES[c as ResultCode].problem);
    if (problems.length) return { code: 'RESULT_CODES_CONTRADICT', message: `“未发现问题”不能与“${problems.map((c) => RESULT_CODES[c as ResultCode].label).join('”“')}”同时选择` };
    if (anyProblemFinding) return { code: 'RESULT_CONTRADICTS_FINDINGS', message: '检查事项中记录了问题，结果不能为“未发现问题”' };
  }
  return null;
}

export const resultLabel = (code: string): string => (code in RESULT_CODES ? RESULT_CODES[code as ResultCode].label : code);
