/**
 * The enforcement paragraph of the annual rule-of-law report, written from the figures in the
 * bureau's own style (seed report, section 一(四) and 一(二)2):
 *
 *   全年开展“双随机、一公开”抽查N次，深入A、B、C等N家单位进行现场检查，……按程序向社会公开检查结果N条，
 *   按时公开率N%；……全年共完成法制审核N次；……参与检查的N名行政执法人员均持证上岗；
 *   行政执法人员参加专题培训平均N学时，N名持证行政执法人员中N人培训超过40学时并通过考试（不含……）。
 *
 * Pure. A zero never produces "等0家" or "平均0学时": the clause is reworded or left out.
 */
import { REPORT_SETTINGS } from './report-settings';
import { AnnualFigures, CountByCode, formatNumber } from './report-figures';

export function annualParagraph(f: AnnualFigures, namesListed = Math.max(REPORT_SETTINGS.namesListed, f.randomInspections.checkedEntityNames.length)): string {
  const groups = [inspectionClauses(f, namesListed).join('，'), legalReviewClause(f), certifiedClause(f), inspectorClause(f)];
  return `${groups.filter((g): g is string => !!g).join('；')}。`;
}

function inspectionClauses(f: AnnualFigures, namesListed: number): string[] {
  const r = f.randomInspections;
  // "抽查N次" counts draws that happened (current draws), not plans published and never drawn.
  const head = r.draws ? `全年开展“双随机、一公开”抽查${r.draws}次` : r.plans ? `全年发布“双随机、一公开”抽查计划${r.plans}个，尚未实施抽取` : '全年未开展“双随机、一公开”抽查';
  const out: string[] = [head];
  const entities = entitiesClause(r.entitiesChecked, r.checkedEntityNames.slice(0, Math.max(0, namesListed)), r.checksByMethod);
  if (entities) out.push(entities);
  else if (r.draws) out.push('尚未完成检查');
  if (r.checks) out.push(...problemClauses(f));
  const cases = caseClause(f);
  if (cases) out.push(cases);
  out.push(...publicationClauses(f));
  return out;
}

/**
 * "深入A、B、C等17家单位进行现场检查"; all named when there are no more than listed. Each method is named
 * as it was: only 书面 checks read "对…进行书面检查"; several methods "对…进行检查，其中现场检查15家次、书面检查2家次".
 */
export function entitiesClause(count: number, names: string[], methods: CountByCode[] = []): string | null {
  if (!count) return null;
  const used = methods.filter((m) => m.count > 0);
  const onSite = used.length === 0 || (used.length === 1 && used[0].code === 'on_site');
  const verb = onSite ? '深入' : '对';
  const action = used.length > 1 ? `进行检查，其中${used.map((m) => `${m.label}${m.count}家次`).join('、')}` : `进行${used[0]?.label ?? '现场检查'}`;
  if (!names.length) return `${verb}${count}家单位${action}`;
  if (names.length < count) return `${verb}${names.join('、')}等${count}家单位${action}`;
  if (count === 1) return `${verb}${names[0]}${action}`;
  return `${verb}${names.join('、')}共${count}家单位${action}`;
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

/** Results pushed (not deliveries), to which platforms; said also when none were. */
export function pushClause(f: AnnualFigures): string | null {
  const p = f.publication;
  const push = p.platformPush;
  if (push.resultsPushed) {
    if (push.platforms.every((x) => x.results === push.resultsPushed)) return `向${push.platforms.map((x) => x.name).join('、')}推送执法检查结果${push.resultsPushed}条`;
    return push.platforms.map((x) => `向${x.name}推送执法检查结果${x.results}条`).join('、');
  }
  return p.published ? '检查结果未推送至监管平台' : null;
}

function publicationClauses(f: AnnualFigures): string[] {
  const p = f.publication;
  const out: string[] = [];
  const push = pushClause(f);
  if (push) out.push(push);
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

/** 持证上岗: the inspectors present at the year's checks, and how many of them held a valid certificate. */
function certifiedClause(f: AnnualFigures): string | null {
  const i = f.inspectors;
  if (!i.onChecks) return null;
  if (i.certifiedOnChecks === i.onChecks) return `落实行政执法人员持证上岗制度，参与检查的${i.onChecks}名行政执法人员均持证上岗`;
  return `落实行政执法人员持证上岗制度，参与检查的${i.onChecks}名行政执法人员中${i.certifiedOnChecks}人持证上岗`;
}

/** "超过" or "达到" as the rule compares (RULES_TRAINING_HOURS_COMPARISON). */
export function thresholdWord(comparison: AnnualFigures['inspectors']['trainingThresholdComparison']): string {
  return comparison === 'above' ? '超过' : '达到';
}

function inspectorClause(f: AnnualFigures): string {
  const i = f.inspectors;
  if (!i.certified) return '本年度无持证行政执法人员';
  if (!i.trainingHoursTotal) return '行政执法人员全年未登记专题培训学时';
  const bar = `${thresholdWord(i.trainingThresholdComparison)}${formatNumber(i.trainingThresholdHours)}学时`;
  const average = `行政执法人员参加专题培训平均${formatNumber(i.trainingHoursAverage)}学时`;
  if (!i.inService) return `${average}，${i.certified}名持证行政执法人员的执法资格均已被暂扣或吊销`;
  const excluded = i.suspendedOrRevoked ? `（不含执法资格被暂扣或吊销的${i.suspendedOrRevoked}人）` : '';
  const who =
    i.trainedAndPassed === i.inService
      ? `${i.inService}名持证行政执法人员均培训${bar}并通过考试`
      : i.trainedAndPassed
        ? `${i.inService}名持证行政执法人员中${i.trainedAndPassed}人培训${bar}并通过考试`
        : `${i.inService}名持证行政执法人员中尚无人员培训${bar}并通过考试`;
  return `${average}，${who}${excluded}`;
}
