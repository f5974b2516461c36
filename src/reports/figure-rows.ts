/**
 * The figures as labelled rows (类别, 指标, 数值): the table of the DOCX and the "统计数据" sheet of
 * the XLSX are both written from this one list, so the two files always agree. Pure.
 */
import { thresholdWord } from './paragraph';
import { AnnualFigures, formatNumber } from './report-figures';

export interface FigureRow {
  section: string;
  label: string;
  /** Counts, hours and rates are numbers (the XLSX stores them as numbers); text only for names and "—". */
  value: number | string;
  /** The value is a percentage (87.5 means 87.5%). */
  percent?: boolean;
}

/** The value as the DOCX table shows it: one decimal at most, "%" on rates. */
export function figureText(r: FigureRow): string {
  if (typeof r.value === 'string') return r.value;
  return r.percent ? `${formatNumber(r.value)}%` : formatNumber(r.value);
}

const ORDER_LABELS: Record<AnnualFigures['randomInspections']['nameOrder'], string> = {
  first_check_date: '按首次检查日期',
  most_checks: '按检查次数',
  name: '按名称',
};

export function figureRows(f: AnnualFigures): FigureRow[] {
  const r = f.randomInspections;
  const p = f.publication;
  const l = f.legalReview;
  const i = f.inspectors;
  const j = f.jointInspections;
  const rows: FigureRow[] = [];
  const add = (section: string, label: string, value: number | string, percent = false) => rows.push({ section, label, value, ...(percent ? { percent } : {}) });

  const S1 = '双随机抽查';
  add(S1, '抽查计划（已发布）', r.plans);
  add(S1, '抽取（现行有效）', r.draws);
  add(S1, '抽中检查对象（家）', r.entitiesDrawn);
  add(S1, '检查（家次）', r.checks);
  for (const m of r.checksByMethod) add(S1, `其中：${m.label}（家次）`, m.count);
  add(S1, '检查对象（家）', r.entitiesChecked);
  add(S1, `列举的检查对象（${f.inputs.namedEntities ? '抽查负责人选定' : ORDER_LABELS[r.nameOrder]}）`, r.checkedEntityNames.join('、') || '—');
  for (const c of r.checksByResult) add(S1, `检查结果：${c.label}`, c.count);
  add(S1, '发现问题（家次）', r.problemsFound);
  add(S1, '责令改正', r.rectification.orders);
  add(S1, '按期整改到位', r.rectification.rectifiedOnTime);
  add(S1, '逾期整改到位', r.rectification.rectifiedLate);
  add(S1, '尚未整改到位', r.rectification.open);
  add(S1, '其中：复查未整改', r.rectification.notRectifiedAtFollowUp);
  add(S1, '立案（件）', r.casesOpened);
  add(S1, '作出处理决定（件）', f.cases.decided);
  add(S1, '其中：行政处罚决定（件）', f.cases.penaltyDecisions);
  add(S1, '结案（件）', f.cases.closed);
  add(S1, '罚款（元）', f.cases.fineFen / 100);
  add(S1, '没收违法所得（元）', f.cases.confiscationFen / 100);

  const S2 = '结果公开';
  add(S2, '已公开检查结果（条）', p.published);
  add(S2, '按时公开', p.onTime);
  add(S2, '逾期公开', p.late);
  add(S2, '待公开', p.pending);
  add(S2, '按时公开率', p.onTimeRate ?? '—', p.onTimeRate !== null);
  const push = p.platformPush.available ? '' : '（推送功能未启用）';
  add(S2, `推送监管平台的检查结果（条）${push}`, p.platformPush.resultsPushed);
  for (const x of p.platformPush.platforms) add(S2, `其中：推送${x.name}（条）`, x.results);
  add(S2, `推送监管平台成功（次）${push}`, p.platformPush.delivered);
  add(S2, `推送监管平台失败${push}`, p.platformPush.failed);
  add(S2, `推送监管平台待投递${push}`, p.platformPush.pending);

  const S3 = '法制审核';
  add(S3, '法制审核合计', l.total);
  for (const k of l.byKind) add(S3, k.label, k.count);
  add(S3, '其中：审核退回', l.returned);

  const S4 = '执法人员';
  add(S4, '持证执法人员', i.certified);
  add(S4, '年末持有效执法证', i.validAtYearEnd);
  add(S4, '培训总学时', i.trainingHoursTotal);
  add(S4, '人均培训学时', i.trainingHoursAverage);
  const bar = `${thresholdWord(i.trainingThresholdComparison)}${formatNumber(i.trainingThresholdHours)}学时`;
  add(S4, '在岗持证执法人员（不含暂扣、吊销）', i.inService);
  add(S4, '执法资格被暂扣或吊销', i.suspendedOrRevoked);
  add(S4, `培训${bar}（人）`, i.meetingThreshold);
  add(S4, '参加年度考试（人）', i.examsTaken);
  add(S4, '通过年度考试（人）', i.examsPassed);
  add(S4, `培训${bar}并通过考试（人）`, i.trainedAndPassed);
  add(S4, '参与检查的执法人员', i.onChecks);
  add(S4, '其中：持证上岗', i.certifiedOnChecks);
  add(S4, '新发执法证', i.certificatesIssued);
  add(S4, '执法证到期', i.certificatesExpired);
  add(S4, '执法证吊销', i.certificatesRevoked);

  const S5 = '联合抽查';
  add(S5, '部门联合抽查任务', j.jointTasks);
  add(S5, '综合查一次（合并检查）', j.mergedVisits);
  add(S5, '同一年度被检查两次以上的对象（家）', j.entitiesCheckedMoreThanOnce);
  return rows;
}
