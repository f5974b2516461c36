import { useId, useState, type ChangeEvent } from 'react';
import { Alert, App, Card, Progress, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { fieldApi, fieldKeys, useEvidence, type FieldRecord, type FormOptions } from './fieldData';

interface Props {
  record: FieldRecord | null;
  options: FormOptions;
  /** Saves the record first when it does not exist yet (photos belong to a record). */
  ensureRecord: () => Promise<FieldRecord>;
  onError: (err: unknown) => void;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 现场照片: straight from the camera, uploaded one by one; each failure named, the others kept. */
export function PhotoSection({ record, options, ensureRecord, onError }: Props) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const evidence = useEvidence(record?.id);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const editable = !record || record.state === 'in_progress' || record.state === 'returned';

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // the same photo can be chosen again after a failure
    if (!files.length) return;
    setFailures([]);
    let target: FieldRecord;
    try {
      target = record ?? (await ensureRecord());
    } catch (err) {
      onError(err);
      return;
    }
    const failed: string[] = [];
    setProgress({ done: 0, total: files.length });
    for (const [i, file] of files.entries()) {
      try {
        await fieldApi.uploadEvidence(target.id, file);
      } catch (err) {
        failed.push(`${file.name}：${err instanceof ApiError ? err.message : '上传失败'}`);
      }
      setProgress({ done: i + 1, total: files.length });
    }
    setProgress(null);
    setFailures(failed);
    await queryClient.invalidateQueries({ queryKey: fieldKeys.evidence(target.id) });
    if (failed.length < files.length) message.success(`已上传 ${files.length - failed.length} 张照片`);
  };

  const items = evidence.data ?? [];
  return (
    <Card size="small" title={`现场照片（${items.length}）`} style={{ marginBottom: 12 }}>
      {editable && (
        <>
          <input id={inputId} className="field-photo-input" type="file" accept="image/*" capture="environment" multiple onChange={(e) => void onFiles(e)} disabled={progress !== null} />
          <label htmlFor={inputId} className="field-photo-label">
            <CameraOutlined aria-hidden /> 拍照上传
          </label>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '6px 0 0' }}>
            每张照片不超过 {options.maxPhotoMb} MB，每条记录最多 {options.maxEvidenceFiles} 个文件。
          </Typography.Paragraph>
        </>
      )}
      {progress && <Progress percent={Math.round((progress.done / progress.total) * 100)} format={() => `${progress.done}/${progress.total}`} aria-label="照片上传进度" />}
      {failures.length > 0 && <Alert type="error" showIcon role="alert" title="以下照片未能上传，请重试" description={failures.map((f) => <div key={f}>{f}</div>)} style={{ marginTop: 8 }} />}
      {items.length > 0 && (
        <ul aria-label="已上传的照片" style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
          {items.map((f) => (
            <li key={f.id} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
              <div style={{ wordBreak: 'break-all' }}>{f.originalName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {sizeText(f.sizeBytes)} · {formatDateTime(f.createdAt)} · SHA-256 <span className="mono">{f.sha256.slice(0, 12)}…</span>
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
