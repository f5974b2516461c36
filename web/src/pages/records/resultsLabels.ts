/** Chinese labels of the results area (publication, legal review), next to labels.ts's record stages. */
export const PUBLICATION_STATE_LABELS: Record<string, string> = { pending: '待公示', published: '已公示', withdrawn: '已撤回' };

export const PUBLICATION_FILTER_LABELS: Record<string, string> = {
  pending: '全部待公示',
  due_soon: '即将到期（剩余 ≤ 3 个工作日）',
  overdue: '已超期未公示',
  published: '已公示',
  withdrawn: '已撤回',
};

export const RESULT_TYPE_LABELS: Record<string, string> = { general: '一般检查结果（20 个工作日内公示）', decision: '行政处罚等决定（7 个工作日内公示）' };

export const REVIEW_KIND_LABELS: Record<string, string> = {
  major_administrative_decision: '重大行政决策',
  major_enforcement_decision: '重大执法决定',
  normative_document: '行政规范性文件',
};

export const REVIEW_DECISION_LABELS: Record<string, string> = { pass: '审核通过', return: '退回' };

/** Tag colours by stage; the label always says it too (never colour alone). */
export const STAGE_COLORS: Record<string, string> = {
  in_progress: 'default',
  awaiting_legal_review: 'purple',
  awaiting_approval: 'orange',
  returned: 'red',
  approved: 'blue',
  published: 'green',
};

/** Today in Beijing, YYYY-MM-DD (the default date of a review or follow-up). */
export function todayInBeijing(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** The standard result categories (the API's code list, src/checks/result-codes.ts), for the correction form. */
export const RESULT_CODE_LABELS: Record<string, string> = {
  NO_PROBLEM: '未发现问题',
  NOT_DISCLOSED: '未按规定公示应当公示的信息',
  FALSE_DISCLOSURE: '公示信息隐瞒真实情况弄虚作假',
  UNREACHABLE_AT_ADDRESS: '通过登记的住所（经营场所）无法联系',
  RECTIFIED_AFTER_ORDER: '发现问题经责令已改正',
  SERIOUS_NON_COOPERATION: '不配合检查情节严重',
  NO_RELEVANT_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  PROBLEM_PENDING: '发现问题待后续处理',
  CLOSED_OR_LIQUIDATING: '已关闭停业或正在组织清算',
  DEREGISTERED_OR_REVOKED: '已注销/被吊销/被撤销/已迁出',
  OTHER_DEPARTMENT_VIOLATION: '违反其他部门相关规定',
};
