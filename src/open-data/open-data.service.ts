import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditHeadsService } from '../audit/audit-heads.service';
import { RESULT_CODES } from '../checks/result-codes';
import { NotFoundError } from '../common/errors';
import { chinaIsoTime } from '../common/validation';
import { paths } from '../portal/layout';
import { PUBLIC_VISIBLE_SQL } from '../publication/publication.entity';
import type { PublicResult } from '../publication/public-view';
import { CSV_BOM, csvLine, xml } from './formats';

export const DATASETS = {
  inspections: '检查结果：每条已公开检查一行（当前版本）',
  entities: '被检查单位：有公开检查结果的单位',
  findings: '检查结果代码：每条检查的每个结果一行',
  legend: '结果代码说明',
  feed_info: '数据说明：提取时间、条数、审计日志链头哈希',
  audit_heads: '审计日志每日链头：每天一行（序号、哈希），请自行留存，可用于核验此后的审计日志未被改写',
  publication_records: '抽查计划发布记录与重抽公告：抽取前即已固定的快照哈希、参数哈希和随机数规则，请自行留存，可用于核验日后公布的抽取记录',
} as const;
export type Dataset = keyof typeof DATASETS;
export type Format = 'csv' | 'json';

const PAGE = 5_000;
/** Visible to the public, current version (the same rule as the public API). */
const VISIBLE = `${PUBLIC_VISIBLE_SQL} AND p.current`;

interface Row {
  id: string;
  version: number;
  state: string;
  published_at: Date;
  payload: PublicResult;
  correction_reason: string | null;
  withdrawn_reason: string | null;
}

/**
 * Open data (a LIVES-like set): inspections, entities, findings, legend, feed_info, as CSV or JSON,
 * streamed page by page from the published results (never from internal tables), and an Atom feed.
 */
@Injectable()
export class OpenDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditHeads: AuditHeadsService,
  ) {}

  stream(file: string): { chunks: AsyncGenerator<string>; contentType: string; filename: string } {
    const m = /^(inspections|entities|findings|legend|feed_info|audit_heads|publication_records)\.(csv|json)$/.exec(file);
    if (!m) throw new NotFoundError('开放数据文件', 'DATASET_NOT_FOUND');
    const [dataset, format] = [m[1] as Dataset, m[2] as Format];
    return { chunks: this.render(dataset, format), contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', filename: file };
  }

  private async *render(dataset: Dataset, format: Format): AsyncGenerator<string> {
    const columns = COLUMNS[dataset];
    if (format === 'csv') yield CSV_BOM + csvLine(columns);
    else yield '[';
    let first = true;
    for await (const record of this.records(dataset)) {
      if (format === 'csv') yield csvLine(columns.map((c) => record[c] as string | number | null));
      else {
        yield (first ? '' : ',') + JSON.stringify(record);
        first = false;
      }
    }
    if (format === 'json') yield ']';
  }

  private async *records(dataset: Dataset): AsyncGenerator<Record<string, unknown>> {
    if (dataset === 'legend') {
      for (const [code, r] of Object.entries(RESULT_CODES)) yield { code, label: r.label, problem: r.problem };
      return;
    }
    if (dataset === 'feed_info') {
      yield await this.feedInfo();
      return;
    }
    if (dataset === 'audit_heads') {
      yield* await this.auditHeads.list();
      return;
    }
    if (dataset === 'publication_records') {
      yield* this.publicationRecords();
      return;
    }
    const seen = new Set<string>();
    for await (const p of this.published()) {
      const r = p.payload;
      if (dataset === 'inspections') {
        yield {
          inspection_id: p.id,
          version: p.version,
          status: p.state,
          uscc: r.entity.uscc,
          entity_name: r.entity.name,
          department: r.department.name,
          items: r.items.map((i) => `${i.code} ${i.name}`).join('；'),
          plan_id: r.planId,
          draw_id: r.drawId,
          inspection_date: r.inspectionDate,
          inspectors: r.inspectors.map((i) => `${i.name}（${i.certificateNumber}）`).join('；'),
          results: r.results.map((x) => x.label).join('；'),
          rectification_open: r.rectification.open,
          published_at: p.published_at.toISOString(),
          correction_reason: p.correction_reason,
          withdrawn_reason: p.withdrawn_reason,
        };
      } else if (dataset === 'findings') {
        for (const x of r.results) yield { inspection_id: p.id, uscc: r.entity.uscc, code: x.code, label: x.label };
      } else if (!seen.has(r.entity.uscc)) {
        // Entities: once each, with the name and address of the first of its results read.
        seen.add(r.entity.uscc);
        yield { uscc: r.entity.uscc, name: r.entity.name, address: r.entity.address };
      }
    }
  }

  /**
   * Plans' publication records and redraw announcements, oldest first: fixed before their draws, so
   * whoever keeps a copy can later check a transcript against it (npm run verify-draw -- --feed).
   */
  private async *publicationRecords(): AsyncGenerator<Record<string, unknown>> {
    const rows: { kind: string; plan_id: string; redraw_id: string | null; published_at: Date; record: string }[] = await this.dataSource.query(
      `SELECT 'plan' AS kind, id AS plan_id, NULL::uuid AS redraw_id, published_at, publication_json AS record FROM plans WHERE publication_json IS NOT NULL
       UNION ALL
       SELECT 'redraw', plan_id, id, requested_at, announcement_json FROM redraws WHERE announcement_json IS NOT NULL
       ORDER BY published_at, plan_id, redraw_id NULLS FIRST`,
    );
    for (const r of rows) {
      yield { kind: r.kind, plan_id: r.plan_id, redraw_id: r.redraw_id, published_at: r.published_at.toISOString(), record_sha256: createHash('sha256').update(r.record, 'utf8').digest('hex'), record: r.record };
    }
  }

  /** Published current results, in pages by id. */
  private async *published(): AsyncGenerator<Row> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Row[] = await this.dataSource.query(
        `SELECT p.id, p.version, p.state, p.published_at, p.payload, p.correction_reason, p.withdrawn_reason
           FROM publications p WHERE ${VISIBLE} AND p.id > $1 ORDER BY p.id LIMIT ${PAGE}`,
        [after],
      );
      if (!rows.length) return;
      yield* rows;
      after = rows[rows.length - 1].id;
    }
  }

  private async feedInfo(): Promise<Record<string, unknown>> {
    const [counts]: { inspections: number; entities: number }[] = await this.dataSource.query(`SELECT count(*)::int AS inspections, count(DISTINCT p.uscc)::int AS entities FROM publications p WHERE ${VISIBLE}`);
    const head: { seq: string; hash: string }[] = await this.dataSource.query('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    return {
      publisher: '“双随机、一公开”抽查检查结果公开',
      extract_date: chinaIsoTime(),
      inspections: counts.inspections,
      entities: counts.entities,
      audit_head_seq: head[0] ? Number(head[0].seq) : null,
      audit_head_hash: head[0]?.hash ?? null,
      licence: '可自由使用，请注明来源',
    };
  }

  /** Atom feed of the latest publications (corrections and withdrawals included). */
  async atom(baseUrl: string): Promise<string> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT p.id, p.version, p.state, p.published_at, p.payload, p.correction_reason, p.withdrawn_reason FROM publications p WHERE ${VISIBLE} ORDER BY p.published_at DESC, p.id LIMIT 50`,
    );
    const updated = (rows[0]?.published_at ?? new Date(0)).toISOString();
    const entries = rows.map((p) => {
      const r = p.payload;
      const title = `${p.state === 'withdrawn' ? '【已撤回】' : p.version > 1 ? '【更正】' : ''}${r.entity.name}：${r.results.map((x) => x.label).join('、')}`;
      const summary = `${r.department.name}于${r.inspectionDate}对${r.entity.name}（${r.entity.uscc}）开展“双随机、一公开”检查，检查事项：${r.items.map((i) => i.name).join('、')}；检查结果：${r.results.map((x) => x.label).join('、')}。${p.correction_reason ? `更正原因：${p.correction_reason}。` : ''}${p.withdrawn_reason ? `撤回原因：${p.withdrawn_reason}。` : ''}`;
      return `  <entry>
    <id>urn:uuid:${p.id}</id>
    <title>${xml(title)}</title>
    <updated>${p.published_at.toISOString()}</updated>
    <link href="${xml(baseUrl + paths.entity(r.entity.uscc))}"/>
    <summary>${xml(summary)}</summary>
  </entry>`;
    });
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${xml(`${baseUrl}/public/feed.atom`)}</id>
  <title>“双随机、一公开”检查结果</title>
  <updated>${updated}</updated>
  <link rel="self" href="${xml(`${baseUrl}/public/feed.atom`)}"/>
${entries.join('\n')}
</feed>
`;
  }
}

const COLUMNS: Record<Dataset, string[]> = {
  inspections: ['inspection_id', 'version', 'status', 'uscc', 'entity_name', 'department', 'items', 'plan_id', 'draw_id', 'inspection_date', 'inspectors', 'results', 'rectification_open', 'published_at', 'correction_reason', 'withdrawn_reason'],
  entities: ['uscc', 'name', 'address'],
  findings: ['inspection_id', 'uscc', 'code', 'label'],
  legend: ['code', 'label', 'problem'],
  feed_info: ['publisher', 'extract_date', 'inspections', 'entities', 'audit_head_seq', 'audit_head_hash', 'licence'],
  audit_heads: ['day', 'seq', 'hash', 'at'],
  publication_records: ['kind', 'plan_id', 'redraw_id', 'published_at', 'record_sha256', 'record'],
};
