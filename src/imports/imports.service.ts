import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { chinaTime } from '../common/validation';
import { RuntimeConfig } from '../config/runtime-config';
import { mapHeaders } from './columns';
import { ImportErrorDto, ImportJobDto, ImportJobQueryDto, StartImportQueryDto } from './dto/import.dto';
import { inspectXlsx, MalformedFileError, sniffFormat } from './file-checks';
import { IMPORT_COLUMNS } from './import-kinds';
import { ImportJob, ImportKind, ImportRowError } from './import-job.entity';
import { ImportRunner } from './import-runner.service';
import { readHeader } from './readers';
import { csvTemplate, xlsxTemplate } from './templates';
import type { StoredUpload } from './upload-storage';
import './imports.errors';

export interface UploadedImportFile {
  originalname: string;
  upload: StoredUpload;
}

@Injectable()
export class ImportsService {
  readonly storageDir: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: ImportRunner,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.storageDir = path.resolve(config.get('DATA_DIR', { infer: true }), 'imports');
  }

  /** Checks the whole file's shape up front (nothing is written for a malformed file), then queues it. */
  async start(user: AuthUser, kind: ImportKind, query: StartImportQueryDto, file: UploadedImportFile | undefined): Promise<ImportJobDto> {
    if (!file?.upload) throw new BadRequestError('FILE_REQUIRED', '请以 multipart/form-data 的 file 字段上传 CSV 或 XLSX 文件');
    const { upload } = file;
    let keep = false;
    try {
      const departmentId = targetDepartment(user, query.departmentId);
      const { format, encoding } = await this.checkFile(kind, upload);
      if (!query.force) {
        const previous = await this.dataSource.getRepository(ImportJob).findOne({
          where: { departmentId, kind, fileSha256: upload.sha256, state: 'succeeded' },
          order: { createdAt: 'DESC' },
        });
        if (previous) {
          throw new ConflictError('IMPORT_DUPLICATE', `该文件已于${chinaTime(previous.createdAt)}导入过（相同 SHA-256）；如需再次导入请加 force=true`, [{ previousJobId: previous.id }]);
        }
      }
      const stored = path.join(this.storageDir, `${upload.sha256}.${format}`);
      if (existsSync(stored)) rmSync(upload.path, { force: true });
      else renameSync(upload.path, stored);
      keep = true;
      const job = await this.dataSource.getRepository(ImportJob).save(
        this.dataSource.getRepository(ImportJob).create({
          departmentId,
          kind,
          mode: query.mode ?? 'all-or-nothing',
          format,
          fileName: fileName(file.originalname),
          fileSha256: upload.sha256,
          fileSize: String(upload.size),
          encoding,
          state: 'queued',
          heartbeatAt: new Date(),
          createdBy: user.id,
        }),
      );
      const finished = this.runner.enqueue(job, stored);
      if (query.wait) await finished;
      return this.get(user, job.id);
    } finally {
      if (!keep) rmSync(upload.path, { force: true });
    }
  }

  async get(user: AuthUser, id: string): Promise<ImportJobDto> {
    return view(await this.findVisible(user, id));
  }

  async list(user: AuthUser, query: ImportJobQueryDto): Promise<Page<ImportJobDto>> {
    const scope = departmentScope(user);
    const where = { ...(scope ? { departmentId: scope } : {}), ...(query.kind ? { kind: query.kind } : {}) };
    const [rows, total] = await this.dataSource.getRepository(ImportJob).findAndCount({ where, order: { createdAt: 'DESC' }, ...pageWindow(query) });
    return toPage(rows.map(view), total, query);
  }

  async errors(user: AuthUser, id: string): Promise<ImportErrorDto[]> {
    await this.findVisible(user, id);
    const rows = await this.dataSource.getRepository(ImportRowError).find({ where: { jobId: id }, order: { rowNumber: 'ASC', id: 'ASC' } });
    return rows.map((e) => ({ rowNumber: e.rowNumber, column: e.column, value: e.value, message: e.message }));
  }

  /** The error report as CSV (UTF-8 with BOM, Chinese headers), for Excel. */
  async errorsCsv(user: AuthUser, id: string): Promise<Buffer> {
    const rows = await this.errors(user, id);
    const field = (v: string | number | null) => {
      let s = v === null ? '' : String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // a cell echoed back must not run as a formula in Excel
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = ['行号,列,值,错误说明', ...rows.map((e) => [e.rowNumber, e.column, e.value, e.message].map(field).join(','))];
    return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  }

  async template(kind: ImportKind, format: 'csv' | 'xlsx' = 'xlsx'): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    return format === 'csv'
      ? { body: csvTemplate(kind), contentType: 'text/csv; charset=utf-8', fileName: `${kind}-template.csv` }
      : { body: await xlsxTemplate(kind), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${kind}-template.xlsx` };
  }

  private async checkFile(kind: ImportKind, upload: StoredUpload): Promise<{ format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gb18030' | null }> {
    try {
      const format = sniffFormat(upload.head);
      const encoding = format === 'csv' ? upload.encodingProbe.finish() : null;
      if (format === 'xlsx') await inspectXlsx(upload.path);
      const headers = await readHeader(upload.path, format, encoding);
      const mapping = mapHeaders(headers, IMPORT_COLUMNS[kind]);
      if (mapping.missingRequired.length || mapping.duplicateHeaders.length) {
        const parts = [];
        if (mapping.missingRequired.length) parts.push(`缺少必填列：${mapping.missingRequired.map((s) => s.header).join('、')}`);
        if (mapping.duplicateHeaders.length) parts.push(`列重复：${mapping.duplicateHeaders.join('、')}`);
        throw new BadRequestError('MISSING_COLUMNS', `表头不符合模板。${parts.join('；')}`, {
          missing: mapping.missingRequired.map((s) => s.header),
          duplicate: mapping.duplicateHeaders,
          unknown: mapping.unknownHeaders,
        });
      }
      return { format, encoding };
    } catch (err) {
      if (err instanceof MalformedFileError) throw new BadRequestError(err.code, err.message);
      throw err;
    }
  }

  private async findVisible(user: AuthUser, id: string): Promise<ImportJob> {
    const scope = departmentScope(user);
    const job = await this.dataSource.getRepository(ImportJob).findOne({ where: scope ? { id, departmentId: scope } : { id } });
    if (!job) throw new NotFoundError('导入任务', 'IMPORT_NOT_FOUND');
    return job;
  }
}

/** Only the base name is kept (multer decodes it as UTF-8: defParamCharset). */
function fileName(name: string): string {
  return path.basename(name.replace(/\\/g, '/')).slice(0, 255) || 'upload';
}

/** Finished: 1. Running: the share of the file read (reading and checking is most of a job). */
function progressOf(j: ImportJob): number {
  if (j.state === 'succeeded' || j.state === 'failed') return 1;
  const size = Number(j.fileSize);
  return size > 0 ? Math.min(0.99, Math.round((Number(j.bytesRead) / size) * 1000) / 1000) : 0;
}

function view(j: ImportJob): ImportJobDto {
  return {
    id: j.id,
    departmentId: j.departmentId,
    kind: j.kind,
    mode: j.mode,
    format: j.format,
    fileName: j.fileName,
    fileSha256: j.fileSha256,
    fileSize: Number(j.fileSize),
    encoding: j.encoding,
    state: j.state,
    rowsTotal: j.state === 'succeeded' || j.state === 'failed' ? j.rowsTotal : null,
    rowsDone: j.rowsDone,
    progress: progressOf(j),
    rowsFailed: j.rowsFailed,
    inserted: j.inserted,
    updated: j.updated,
    message: j.message,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
    errorsUrl: `/imports/${j.id}/errors.csv`,
  };
}
