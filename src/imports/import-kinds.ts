/**
 * What each import kind reads: its columns (Chinese headers first, English alternatives) and the key
 * it upserts by. Pure: no framework imports. The templates and the docs are generated from this.
 */
import { normaliseUscc, validateUscc } from '../regulated-entities/uscc';
import { todayInChina } from '../common/validation';
import { cell, CellResult, ColumnSpec, isScientificNotation, scientificNotationMessage } from './columns';
import type { ImportKind } from './import-job.entity';

const uscc = (t: string): CellResult<string> => {
  if (isScientificNotation(t)) return { ok: false, message: scientificNotationMessage(t) };
  const code = normaliseUscc(t);
  const error = validateUscc(code);
  return error ? { ok: false, message: `：${error.message}` } : { ok: true, value: code };
};

/** 执法证号: long all-digit numbers are as exposed to Excel's scientific notation as USCCs. */
const certificate = (t: string): CellResult<string> =>
  isScientificNotation(t) ? { ok: false, message: scientificNotationMessage(t) } : cell.pattern(/^[^\s,]{3,50}$/, '应为3-50位且不含空格或逗号', 50)(t);

const RISK = { A: 'A', B: 'B', C: 'C', D: 'D', a: 'A', b: 'B', c: 'C', d: 'D', A类: 'A', B类: 'B', C类: 'C', D类: 'D' } as const;
const ENTITY_STATUS = {
  active: 'active',
  存续: 'active',
  在业: 'active',
  开业: 'active',
  正常: 'active',
  closed: 'closed',
  停业: 'closed',
  歇业: 'closed',
  关闭: 'closed',
  deregistered: 'deregistered',
  注销: 'deregistered',
  已注销: 'deregistered',
  吊销: 'deregistered',
  已吊销: 'deregistered',
  撤销: 'deregistered',
  迁出: 'deregistered',
} as const;
const YES_NO = { 是: true, 否: false, 通过: true, 未通过: false, 合格: true, 不合格: false, true: true, false: false, yes: true, no: false, y: true, n: false, '1': true, '0': false };
const CATEGORY = { 重点: 'key', 一般: 'general', key: 'key', general: 'general' } as const;
const METHOD = { 现场: 'on_site', 现场检查: 'on_site', 书面: 'documentary', 书面检查: 'documentary', 网络: 'online', 网络检查: 'online', on_site: 'on_site', documentary: 'documentary', online: 'online' } as const;

function col(key: string, header: string, aliases: string[], required: boolean, parse: ColumnSpec['parse'], note: string, example: string): ColumnSpec {
  return { key, header, aliases, required, parse, note, example };
}

const ratio = (cls: string) => col(`ratio${cls}`, `${cls}类比例(%)`, [`${cls}类抽查比例`, `${cls}类比例`, `ratio_${cls.toLowerCase()}`], true, cell.number(0, 100, 2), `${cls}类信用风险对象的抽查比例，0-100`, cls === 'A' ? '3' : cls === 'B' ? '5' : cls === 'C' ? '20' : '100');

export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  entities: [
    col('uscc', '统一社会信用代码', ['信用代码', '社会信用代码', 'uscc'], true, uscc, '18位，按 GB 32100-2015 校验；同一代码再次导入即更新', '91350100M000100Y43'),
    col('name', '名称', ['单位名称', '企业名称', '检查对象名称', 'name'], true, cell.text(200), '', '康希诺生物股份公司'),
    col('legalRepresentative', '法定代表人', ['法定代表人(负责人)', '负责人', 'legal_representative'], false, cell.text(100), '', '张三'),
    col('registeredAddress', '注册地址', ['住所', '住所(经营场所)', '地址', 'registered_address'], false, cell.text(300), '', '天津经济技术开发区西区新业九街东1号'),
    col('district', '所属区域', ['区域', '所在区域', 'district'], false, cell.text(100), '', '滨海新区'),
    col('industryCode', '行业代码', ['国民经济行业代码', '行业分类代码', 'industry_code'], false, (t) => cell.pattern(/^[A-Z0-9]{1,20}$/, '应为字母和数字', 20)(t.toUpperCase()), '国民经济行业分类代码（大写）', 'M7340'),
    col('status', '经营状态', ['状态', '登记状态', 'status'], false, cell.oneOf(ENTITY_STATUS, '存续、停业、注销'), '存续/在业、停业/歇业、注销/吊销；留空为存续', '存续'),
    col('riskClass', '信用风险分类', ['风险分类', '信用风险等级', 'risk_class'], false, cell.oneOf(RISK, 'A、B、C、D'), 'A、B、C、D；与当前分类不同时记入分类历史', 'B'),
    col('riskClassEffectiveFrom', '分类生效日期', ['风险分类生效日期', 'risk_class_effective_from'], false, cell.date, '留空为导入当日', '2023-01-01'),
    col('contactPerson', '联系人', ['contact_person'], false, cell.text(100), '不公开', '李四'),
    col('contactPhone', '联系电话', ['电话', 'contact_phone'], false, cell.pattern(/^[0-9+\-() ]{5,40}$/, '应为电话号码', 40), '不公开', '022-12345678'),
    col('supervisingUnit', '监管单位', ['所属监管所', '监管所', 'supervising_unit'], false, cell.snapshotText(100), '用于所所交叉回避', '第一监管所'),
    col('licenceType', '许可证类型', ['许可证名称', 'licence_type'], false, cell.text(100), '每行一个许可证；同一对象多个许可证可写多行', '实验动物使用许可证'),
    col('licenceNumber', '许可证编号', ['许可证号', 'licence_number'], false, cell.text(100), '填写许可证类型时必填', 'SYXK(津)2023-0001'),
    col('licenceValidUntil', '许可证有效期至', ['许可证有效期', 'licence_valid_until'], false, cell.date, '', '2028-01-01'),
  ],
  inspectors: [
    col('name', '姓名', ['name'], true, cell.text(100), '', '王芳'),
    col('certificateNumber', '执法证号', ['执法证件号', '证件号码', 'certificate_number'], true, certificate, '同一证号再次导入即更新', '12010023001'),
    col('issuingAuthority', '发证机关', ['issuing_authority'], true, cell.text(200), '', '天津市人民政府'),
    col('certificateValidFrom', '有效期起', ['证件有效期起', '发证日期', 'certificate_valid_from'], true, cell.date, '', '2022-01-01'),
    col('certificateValidUntil', '有效期止', ['证件有效期止', '有效期至', 'certificate_valid_until'], true, cell.date, '', '2027-12-31'),
    col('domains', '执法领域', ['执法类别', 'domains'], false, cell.snapshotList(30, 100), '多个领域以顿号、逗号或分号分隔', '科技、实验动物'),
    col('unit', '所属单位', ['单位', '工作单位', 'unit'], false, cell.snapshotText(100), '用于所所交叉回避', '第一监管所'),
  ],
  'inspector-trainings': [
    col('certificateNumber', '执法证号', ['执法证件号', 'certificate_number'], true, certificate, '须为本部门已登记的执法人员', '12010023001'),
    col('date', '培训日期', ['日期', 'date'], true, cell.pastDate, '不能晚于今天', '2023-05-10'),
    col('hours', '学时', ['培训学时', 'hours'], true, cell.number(0.1, 1000, 1), '最多一位小数', '8'),
    col('topic', '培训内容', ['培训主题', '主题', 'topic'], true, cell.text(200), '同一人同日同内容再次导入即更新学时', '《行政处罚法》专题培训'),
  ],
  'inspector-exams': [
    col('certificateNumber', '执法证号', ['执法证件号', 'certificate_number'], true, certificate, '须为本部门已登记的执法人员', '12010023001'),
    col('year', '年度', ['考试年度', 'year'], true, (t) => cell.integer(2000, Number(todayInChina().slice(0, 4)))(t), '不能晚于今年', '2023'),
    col('passed', '是否通过', ['考试结果', '通过', 'passed'], true, cell.oneOf(YES_NO, '是、否（或通过、未通过）'), '', '是'),
    col('score', '成绩', ['分数', 'score'], false, cell.number(0, 100, 1), '', '92'),
  ],
  items: [
    col('code', '事项编码', ['编码', 'code'], true, cell.pattern(/^[A-Za-z0-9_.-]{1,50}$/, '应为1-50位字母、数字、_ . -', 50), '同一编码再次导入：内容有变化时生成新版本', 'KJ-001'),
    col('name', '事项名称', ['抽查事项', '名称', 'name'], true, cell.text(200), '', '实验动物许可情况的检查'),
    col('subItems', '检查内容', ['子项', '抽查内容', 'sub_items'], false, cell.list(50, 200), '多项以分号或顿号分隔', '许可证有效性；设施环境条件'),
    col('legalBasis', '抽查依据', ['检查依据', '法律依据', 'legal_basis'], true, cell.text(4000), '', '《实验动物管理条例》'),
    col('category', '事项类别', ['类别', 'category'], true, cell.oneOf(CATEGORY, '重点、一般'), '重点或一般', '一般'),
    col('targetType', '抽查对象', ['检查对象类型', '对象类型', 'target_type'], true, cell.text(100), '', '实验动物使用单位'),
    col('method', '检查方式', ['抽查方式', 'method'], true, cell.oneOf(METHOD, '现场、书面、网络'), '现场、书面或网络', '现场'),
    col('enforcementDomain', '执法领域', ['enforcement_domain'], true, cell.snapshotText(100), '执法人员须具备该领域', '实验动物'),
    ratio('A'),
    ratio('B'),
    ratio('C'),
    ratio('D'),
    col('frequency', '抽查频次', ['频次', 'frequency'], true, cell.text(100), '', '每年一次'),
    col('industryCodes', '行业代码', ['对象行业代码', 'industry_codes'], false, cell.list(200, 20), '限定抽查对象的行业，多项分隔', ''),
    col('licenceTypes', '许可证类型', ['对象许可证类型', 'licence_types'], false, cell.list(50, 100), '限定抽查对象持有的许可证', '实验动物使用许可证'),
    col('districts', '区域', ['对象区域', 'districts'], false, cell.list(100, 100), '限定抽查对象所在区域', ''),
  ],
};

export const KIND_LABELS: Record<ImportKind, string> = {
  entities: '检查对象名录',
  inspectors: '执法检查人员名录',
  'inspector-trainings': '执法人员培训记录',
  'inspector-exams': '执法人员考试记录',
  items: '随机抽查事项清单',
};

/** Cross-column checks that a single cell cannot make. */
export function crossCheck(kind: ImportKind, r: Record<string, unknown>): { column: string; message: string } | null {
  if (kind === 'entities') {
    if (r.licenceType && !r.licenceNumber) return { column: '许可证编号', message: '填写许可证类型时许可证编号不能为空' };
    if (!r.licenceType && (r.licenceNumber || r.licenceValidUntil)) return { column: '许可证类型', message: '填写许可证编号或有效期时许可证类型不能为空' };
    if (r.riskClassEffectiveFrom && !r.riskClass) return { column: '信用风险分类', message: '填写分类生效日期时信用风险分类不能为空' };
  }
  if (kind === 'inspectors' && (r.certificateValidUntil as string) < (r.certificateValidFrom as string)) {
    return { column: '有效期止', message: '有效期止不能早于有效期起' };
  }
  return null;
}
