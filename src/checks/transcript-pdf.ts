import { encodeQr } from '../common/pdf/qr';
import { A4, PdfDocument, PdfFlow } from '../common/pdf/pdf-writer';

/** What the 现场检查笔录 prints: all from the record, its task and the directories. */
export interface TranscriptData {
  recordId: string;
  /** Chinese label of the record's state ("已提交" …); a draft prints as such. */
  stateLabel: string;
  draft: boolean;
  department: string;
  plan: { id: string; name: string };
  drawId: string;
  taskId: string;
  windowStart: string;
  windowEnd: string;
  checkDate: string | null;
  place: string | null;
  entity: { name: string; uscc: string; address: string | null };
  /** The team, present members marked. */
  team: { name: string; certificateNumber: string; department: string; present: boolean; certificateShown: boolean }[];
  representative: { name: string; role: string } | null;
  items: { code: string; name: string; legalBasis: string; subItems: string[]; finding: { compliant: boolean; description: string | null; legalClause: string | null } | null }[];
  results: string[];
  rectifications: { requirement: string; workingDays: number; issuedOn: string; dueOn: string }[];
  checkCodeUrl: string;
  /** When the PDF was made, in Beijing time (printed in the footer). */
  printedAt: string;
}

const QR_SIZE = 96;
/** Ideographic space: separates fields on one line as a printed form does. */
const SP = '\u3000';

/** Lays the 笔录 out on A4 pages. Pure: data in, PDF bytes out. */
export function renderTranscript(d: TranscriptData): Buffer {
  const doc = new PdfDocument(`现场检查笔录 ${d.entity.name}`);
  const f = new PdfFlow(doc);
  drawQr(doc, f.page, d.checkCodeUrl, A4.width - f.margin - QR_SIZE, A4.height - f.margin - QR_SIZE);
  const right = QR_SIZE + 12;
  f.para('现场检查笔录', { size: 20, bold: true, right, lead: 34 });
  f.para(`“双随机、一公开”监管${SP}${d.department}`, { size: 11, right });
  if (d.draft) f.para(`（${d.stateLabel}，尚未提交，仅供核对）`, { size: 11, bold: true, right });
  f.para(`检查码：扫描右侧二维码或访问 ${d.checkCodeUrl} 核验本次检查`, { size: 9, right });
  f.y = Math.min(f.y, A4.height - f.margin - QR_SIZE - 8);
  f.rule();

  const field = (label: string, value: string) => f.para(`${label}：${value}`);
  section(f, '一、检查对象');
  field('单位名称', d.entity.name);
  field('统一社会信用代码', d.entity.uscc);
  field('住所（经营场所）', d.entity.address ?? '—');
  section(f, '二、检查时间、地点与依据');
  field('检查日期', d.checkDate ?? '＿＿＿＿年＿＿月＿＿日');
  field('检查地点', d.place ?? '');
  field('抽查计划', d.plan.name);
  field('检查期限', `${d.windowStart} 至 ${d.windowEnd}`);
  f.para(`计划编号 ${d.plan.id}${SP}抽取记录编号 ${d.drawId}${SP}任务编号 ${d.taskId}${SP}检查记录编号 ${d.recordId}`, { size: 8.5 });

  section(f, '三、执法检查人员');
  for (const m of d.team) {
    const status = m.present ? (m.certificateShown ? '在场，已出示执法证件' : '在场') : '未在场';
    f.para(`${m.name}${SP}执法证号 ${m.certificateNumber}${SP}${m.department}${SP}${status}`, { indent: 12 });
  }
  section(f, '四、被检查单位在场人员');
  f.para(d.representative ? `${d.representative.name}（${d.representative.role}）` : '＿＿＿＿＿＿（职务：＿＿＿＿＿＿）', { indent: 12 });

  section(f, '五、检查事项、检查要点及检查情况');
  d.items.forEach((item, i) => {
    f.para(`${i + 1}. ${item.name}（${item.code}）`, { bold: true });
    f.para(`抽查依据：${item.legalBasis}`, { indent: 12 });
    if (item.subItems.length) {
      f.para('检查要点：', { indent: 12 });
      item.subItems.forEach((s, k) => f.para(`(${k + 1}) ${s}`, { indent: 24 }));
    }
    const x = item.finding;
    f.para(`检查情况：${!x ? '未记录' : x.compliant ? '未发现问题' : '发现问题'}`, { indent: 12, bold: !!x && !x.compliant });
    if (x?.description) f.para(`问题描述：${x.description}`, { indent: 12 });
    if (x?.legalClause) f.para(`违反条款：${x.legalClause}`, { indent: 12 });
  });

  section(f, '六、检查结果');
  f.para(d.results.length ? d.results.join('；') : '未选择', { indent: 12 });
  if (d.rectifications.length) {
    section(f, '七、责令改正');
    for (const r of d.rectifications) f.para(`${r.requirement}（${r.issuedOn} 下达，${r.workingDays} 个工作日内改正，期限至 ${r.dueOn}）`, { indent: 12 });
  }

  signatures(f, d);
  footers(doc, d);
  return doc.toBuffer();
}

function section(f: PdfFlow, title: string): void {
  f.ensure(40);
  f.gap(6);
  f.para(title, { size: 12, bold: true });
}

/** Lines to sign on, kept together on one page. */
function signatures(f: PdfFlow, d: TranscriptData): void {
  const present = d.team.filter((m) => m.present);
  const signers = present.length ? present : d.team;
  f.ensure(60 + 56 * (signers.length + 1));
  section(f, '签名');
  f.para('以上笔录经被检查单位在场人员核对无误。', { size: 10 });
  const line = (label: string) => {
    f.gap(24);
    f.doc.text(f.page, f.margin, f.y, 10.5, label);
    f.gap(28);
    f.doc.text(f.page, f.margin + 12, f.y, 10.5, '签名：');
    f.doc.line(f.page, f.margin + 48, f.y - 2, f.margin + 260, f.y - 2);
    f.doc.text(f.page, f.margin + 280, f.y, 10.5, '日期：');
    f.doc.line(f.page, f.margin + 316, f.y - 2, A4.width - f.margin, f.y - 2);
  };
  line(`被检查单位在场人员${d.representative ? `（${d.representative.name}，${d.representative.role}）` : ''}`);
  for (const m of signers) line(`执法人员（${m.name}，执法证号 ${m.certificateNumber}）`);
}

function footers(doc: PdfDocument, d: TranscriptData): void {
  for (let p = 0; p < doc.pageCount; p++) {
    doc.text(p, 56, 30, 8, `现场检查笔录${SP}${d.entity.name}${SP}第 ${p + 1} 页 共 ${doc.pageCount} 页${SP}打印时间 ${d.printedAt}`);
  }
}

/** The QR code of the 检查码 URL as filled squares, with its quiet zone left white. */
function drawQr(doc: PdfDocument, page: number, url: string, x: number, y: number): void {
  const qr = encodeQr(url);
  const unit = QR_SIZE / (qr.size + 8);
  const rects: [number, number, number, number][] = [];
  qr.modules.forEach((row, r) => row.forEach((dark, c) => dark && rects.push([x + (c + 4) * unit, y + QR_SIZE - (r + 5) * unit, unit, unit])));
  doc.fillRects(page, rects);
}
