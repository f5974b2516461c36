/**
 * The enforcement paragraph of the annual rule-of-law report, written from the figures in the
 * bureau's own style (seed report, section 一(四) and 一(二)2):
 *
 *   全年开展“双随机、一公开”抽查N次，深入A、B、C等N家单位进行现场检查，……按程序向社会公开检查结果N条，
 *   按时公开率N%；……全年共完成法制审核N次；行政执法人员参加专题培训平均N学时，N人培训达到40学时并通过考试。
 *
 * Pure. A zero never produces "等0家" or "平均0学时": the clause is reworded or left out.
 */
import { REPORT_SETTINGS } from './report-settings';
import { AnnualFigures, formatNumber } from './report-figures';

export function annualParagraph(f: AnnualFigures, namesListed = REPORT_SETTINGS.namesListed): string {
  const groups = [inspectionClauses(f, namesListed).join('，'), legalReviewClause(f), inspectorClause(f)];
  return `${groups.join('；')}。`;
}

function inspectionClauses(f: AnnualFigures, namesListed: number): string[] {
  const r = f.randomInspections;
  const out: string[] = [r.plans ? `全年开展“双随机、一公开”抽查${r.plans}次` : '全年未开展“双随机、一公开”抽查'];
  const entities = entitiesClause(r.entitiesChecked, r.checkedEntityNames.slice(0, Math.max(0, namesListed)));
  if (entities) out.push(entities);
  else if (r.plans) out.push('尚未完成现场检查');
  if (r.checks) out.push(...problemClauses(f));
  const cases = caseClause(f);
  if (cases) out.push(cases);
  out.push(...publicationClauses(f));
  return out;
}

/** "深入A、B、C等17家单位进行现场检查"; all named when there are no more than listed. */
export function entitiesClause(count: number, names: string[]): string | null {
  if (!count) return null;
  if (!names.length) return `深入${count}家单位进行现场检查`;
  if (names.length < count) return `深入${names.join('、')}等${count}家单位进行现场检查`;
  if (count === 1) return `深入${names[0]}进行现场检查`;
  return `深入${names.join('、')}共${count}家单位进行现场检查`;
}

function problemClauses(f: AnnualFigures): string[] {
  const r = f.randomInspections;
  if (!r.problemsFound) return ['均未发现问题'];
  const out = [`发现问题${r.problemsFound}家次`];
  const o = r.rectification;
  if (o.orders) out.push(`责令限期改正${o.orders}次` + (o.rectifiedOnTime ? `，其中按期整改到位${o.rectifiedOnTime}次` : ''));
  return out;
}

/**
 * "立案2件，作出行政处罚决定1件，罚没款合计5.5万元，结案1件": only when there were cases (the seed's
 * year had none, and its paragraph says nothing of them). Amounts in 万元 as bureau reports write them.
 */
export function caseClause(f: AnnualFigures): string | null {
  const c = f.cases;
  if (!c.opened && !c.decided && !c.closed) return null;
  const parts = [c.opened ? `立案${c.opened}件` : '未新立案件'];
  if (c.penaltyDecisions) parts.push(`作出行政处罚决定${c.penaltyDecisions}件`);
  if (c.decided > c.penaltyDecisions) parts.push(`作出不予行政处罚决定${c.decided - c.penaltyDecisions}件`);
  const fen = c.fineFen + c.confiscationFen;
  if (fen) parts.push(`罚没款合计${formatWan(fen)}`);
  if (c.closed) parts.push(`结案${c.closed}件`);
  return parts.join('，');
}

/** Fen as the report writes money: 万元 with up to four decimals from 10,000 yuan, else 元 with up to two. */
export function formatWan(fen: number): string {
  const yuan = fen / 100;
  if (yuan >= 10_000) return `${Number((yuan / 10_000).toFixed(4))}万元`;
  return `${Number(yuan.toFixed(2))}元`;
}

function publicationClauses(f: AnnualFigures): string[] {
  const p = f.publication;
  const out: string[] = [];
  if (p.platformPush.available && p.platformPush.delivered) out.push(`向监管平台推送执法检查信息${p.platformPush.delivered}次`);
  if (p.published) {
    out.push(`按程序向社会公开检查结果${p.published}条`);
    out.push(`按时公开率${formatNumber(p.onTimeRate ?? 0)}%`);
    if (p.pending) out.push(`另有${p.pending}条待公开`);
  } else if (p.pending) {
    out.push(`检查结果${p.pending}条待公开`);
  }
  return out;
}

function legalReviewClause(f: AnnualFigures): string {
  const l = f.legalReview;
  if (!l.total) return '全年未开展法制审核';
  const kinds = l.byKind.filter((k) => k.count > 0).map((k) => k.label);
  return `开展${kinds.join('、')}的法制审核，全年共完成法制审核${l.total}次`;
}

function inspectorClause(f: AnnualFigures): string {
  const i = f.inspectors;
  if (!i.certified) return '本年度无持证行政执法人员';
  if (!i.trainingHoursTotal) return '行政执法人员全年未登记专题培训学时';
  const threshold = formatNumber(i.trainingThresholdHours);
  const who = i.trainedAndPassed ? `${i.trainedAndPassed}人培训达到${threshold}学时并通过考试` : `尚无人员培训达到${threshold}学时并通过考试`;
  return `行政执法人员参加专题培训平均${formatNumber(i.trainingHoursAverage)}学时，${who}`;
}
