import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createReadStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import type { RuntimeConfig } from '../config/runtime-config';
import type { StoredUpload } from '../imports/upload-storage';
import { EvidenceFile } from './check-record.entity';
import { EvidenceDto, EvidenceUploadDto } from './dto/evidence.dto';
import { evidenceLimitReached, evidencePhotoTooLarge } from './checks.errors';
import { classifyEvidence } from './evidence-types';
import { AuditService } from '../audit/audit.service';
import { RecordsService } from './records.service';
import { isOnTeam } from './task-access';

export function evidenceDir(config: ConfigService<RuntimeConfig, true>, ...sub: string[]): string {
  const base = config.get('EVIDENCE_DIR', { infer: true }) ?? path.join(config.get('DATA_DIR', { infer: true }), 'evidence');
  return path.resolve(base, ...sub);
}

/**
 * Evidence (photos, documents, audio/video) of a check record: type from the bytes, the name's
 * extension must agree, stored once per content at EVIDENCE_DIR/<first 2 hex>/<sha256>. Never public.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordsService,
    private readonly config: ConfigService<RuntimeConfig, true>,
    private readonly audit: AuditService,
  ) {}

  async add(user: AuthUser, recordId: string, file: (Express.Multer.File & { upload?: StoredUpload }) | undefined): Promise<EvidenceUploadDto> {
    const upload = file?.upload;
    if (!file || !upload) throw new BadRequestError('FILE_REQUIRED', '请用 file 字段上传证据文件', [{ field: 'file' }]);
    if (upload.size === 0) throw new BadRequestError('FILE_EMPTY', '文件为空', [{ field: 'file' }]);
    const verdict = classifyEvidence(file.originalname, upload.head);
    if (!verdict.ok) throw new BadRequestError(verdict.code, verdict.message, [{ field: 'file' }]);
    const maxPhotoMb = this.config.get('EVIDENCE_MAX_PHOTO_MB', { infer: true });
    if (verdict.type.mediaType.startsWith('image/') && upload.size > maxPhotoMb * 1024 * 1024) throw evidencePhotoTooLarge(maxPhotoMb);
    return this.dataSource.transaction(async (em) => {
      const { record, task, inspectorId } = await this.records.load(em, user, recordId, true);
      if (!isOnTeam(task, inspectorId)) throw new ForbiddenError('NOT_ON_TEAM', '只有本任务检查组的执法人员可以上传证据');
      if (record.state === 'approved' || record.state === 'published') throw new ConflictError('RECORD_NOT_EDITABLE', '检查记录已审批，不能再添加证据');
      if (await em.getRepository(EvidenceFile).existsBy({ recordId, sha256: upload.sha256 })) throw new ConflictError('EVIDENCE_EXISTS', '该证据文件已上传');
      // Counted with the record row locked (load above): concurrent uploads cannot pass the limit together.
      const maxFiles = this.config.get('EVIDENCE_MAX_FILES_PER_RECORD', { infer: true });
      if ((await em.getRepository(EvidenceFile).countBy({ recordId })) >= maxFiles) throw evidenceLimitReached(maxFiles);
      const target = evidenceDir(this.config, upload.sha256.slice(0, 2), upload.sha256);
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      // Same bytes, same file: a second copy is never written.
      if (!existsSync(target)) renameSync(upload.path, target);
      const saved = await em.getRepository(EvidenceFile).save(
        em.getRepository(EvidenceFile).create({ recordId, sha256: upload.sha256, mediaType: verdict.type.mediaType, sizeBytes: String(upload.size), originalName: file.originalname.slice(0, 255), uploadedBy: user.id }),
      );
      // New evidence changes what a reviewer or approver has seen: the record gets a new version, but not a
      // new edit version, so the team's own next write is not a conflict (docs/checks.md).
      // (TypeORM answers an UPDATE … RETURNING as [rows, count].)
      const [[bumped]]: [{ version: number }[], number] = await em.query('UPDATE check_records SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version', [recordId]);
      await this.audit.append(em, { actorId: user.id, action: 'evidence.add', subjectType: 'check_record', subjectId: recordId, details: { evidenceId: saved.id, sha256: saved.sha256, mediaType: saved.mediaType } });
      return { ...view(saved), recordVersion: bumped.version };
    });
  }

  async list(user: AuthUser, recordId: string): Promise<EvidenceDto[]> {
    await this.records.load(this.dataSource.manager, user, recordId);
    const rows = await this.dataSource.getRepository(EvidenceFile).find({ where: { recordId }, order: { createdAt: 'ASC' } });
    return rows.map(view);
  }

  async open(user: AuthUser, id: string): Promise<{ stream: NodeJS.ReadableStream; mediaType: string; size: number; name: string }> {
    const row = await this.dataSource.getRepository(EvidenceFile).findOne({ where: { id } });
    if (!row) throw new NotFoundError('证据文件', 'EVIDENCE_NOT_FOUND');
    await this.records.load(this.dataSource.manager, user, row.recordId).catch(() => {
      throw new NotFoundError('证据文件', 'EVIDENCE_NOT_FOUND');
    });
    const file = evidenceDir(this.config, row.sha256.slice(0, 2), row.sha256);
    if (!existsSync(file)) throw new NotFoundError('证据文件内容', 'EVIDENCE_CONTENT_MISSING');
    return { stream: createReadStream(file), mediaType: row.mediaType, size: Number(row.sizeBytes), name: row.originalName };
  }
}

function view(e: EvidenceFile): EvidenceDto {
  return { id: e.id, recordId: e.recordId, sha256: e.sha256, mediaType: e.mediaType, sizeBytes: Number(e.sizeBytes), originalName: e.originalName, createdAt: e.createdAt.toISOString() };
}
