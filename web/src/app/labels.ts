import type { Role } from './nav';

/**
 * Chinese labels in one place, with the regime's own terms (console.md). Enumerations the API
 * also labels (to-do counts, result codes) come from the API instead.
 */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '抽查负责人',
  inspector: '执法检查人员',
  legal_reviewer: '法制审核人员',
};

export const RISK_CLASS_LABELS: Record<string, string> = { A: 'A 类（低风险）', B: 'B 类（一般风险）', C: 'C 类（较高风险）', D: 'D 类（高风险）' };

export const RECORD_STAGE_LABELS: Record<string, string> = {
  in_progress: '检查中',
  submitted: '已提交',
  awaiting_legal_review: '待法制审核',
  awaiting_approval: '待审批',
  returned: '已退回',
  approved: '已审批待公示',
  published: '已公示',
};

export const PLAN_STATE_LABELS: Record<string, string> = { draft: '草稿', published: '已公布待抽取', drawn: '已抽取', in_progress: '检查中', completed: '已完成' };

export const TASK_STATE_LABELS: Record<string, string> = { assigned: '已分配', unstaffed: '未配齐检查组', cancelled: '已取消' };
