/** Chinese labels of the supervisor's directories (items, entities, imports), in one place. */
export const ENTITY_STATUS_LABELS: Record<string, string> = { active: '存续', closed: '停业', deregistered: '注销' };

export const ITEM_CATEGORY_LABELS: Record<string, string> = { key: '重点', general: '一般' };
export const ITEM_METHOD_LABELS: Record<string, string> = { on_site: '现场检查', documentary: '书面检查', online: '网络检查' };

export const IMPORT_KIND_LABELS: Record<string, string> = {
  entities: '检查对象名录',
  items: '随机抽查事项清单',
  inspectors: '执法检查人员名录',
  'inspector-trainings': '执法人员培训记录',
  'inspector-exams': '执法人员考试记录',
};

export const IMPORT_STATE_LABELS: Record<string, string> = { queued: '排队中', running: '导入中', succeeded: '已完成', failed: '未导入' };

export const IMPORT_MODE_LABELS: Record<string, string> = {
  'all-or-nothing': '全部或全不：任何一行有错误则不写入任何数据',
  'valid-only': '仅导入正确的行：有错误的行跳过，其余照常导入',
};

/** Colours of the risk classes; the label always says the class too (never colour alone). */
export const RISK_CLASS_COLOURS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };
