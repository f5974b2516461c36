import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { Alert, App, Card, Progress, Tag, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '../../components/format';
import { hasPending, outcomeOf, queuePhoto, syncNow } from '../../offline/outbox';
import { preparePhoto } from '../../offline/photos';
import { useOutbox } from '../../offline/useOutbox';
import { useEvidence, type FieldRecord, type FieldTask, type FormOptions } from './fieldData';

interface Props {
  task: FieldTask;
  record: FieldRecord | null;
  options: FormOptions;
  /** Saves the record first when it does not exist yet (photos belong to a record); queued when offline. */
  ensureRecord: () => Promise<unknown>;
  onError: (err: unknown) => void;
  locked: boolean;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * 现场照片: straight from the camera, downscaled on the device, kept there with their SHA-256 and
 * queued (outbox.ts); uploaded at once when online, else when the network returns. Never lost.
 */
export function PhotoSection({ task, record, options, ensureRecord, onError, locked }: Props) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const evidence = useEvidence(record?.id);
  const { items: queued } = useOutbox();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const editable = !locked && (!record || record.state === 'in_progress' || record.state === 'returned');
  const waiting = queued.filter((i) => i.kind === 'photo' && i.taskId === task.id && i.state !== 'sent');
  const sentHere = queued.filter((i) => i.kind === 'photo' && i.taskId === task.id && i.state === 'sent').length;
  useEffect(() => {
    // Sent in the background (the network came back): the uploaded list follows.
    if (sentHere) void queryClient.invalidateQueries({ queryKey: ['field', 'evidence'] });
  }, [sentHere, queryClient]);

  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = ''; // the same photo can be chosen again after a failure
    if (!files.length) return;
    setFailures([]);
    try {
      // Photos belong to a record: the record is queued first (once), in front of them.
      if (!record && !(await hasPending(task.id, 'record'))) await ensureRecord();
    } catch (err) {
      onError(err);
      return;
    }
    setProgress({ done: 0, total: files.length });
    const outcomes = [];
    for (const [i, file] of files.entries()) {
      const photo = await preparePhoto(file, options.photoMaxEdgePx);
      outcomes.push({ name: photo.name, outcome: outcomeOf(await queuePhoto({ id: task.id, entityName: task.entity.name }, photo)) });
      setProgress({ done: i + 1, total: files.length });
    }
    setProgress(null);
    void syncNow();
    const results = await Promise.all(outcomes.map(async (o) => ({ name: o.name, o: await o.outcome })));
    const failed = results.filter((r) => r.o.kind === 'error').map((r) => `${r.name}：${r.o.kind === 'error' ? r.o.error.message : ''}（见“待同步”）`);
    const sent = results.filter((r) => r.o.kind === 'sent').length;
    setFailures(failed);
    // The record may have been created by this very upload: every evidence list of the field pages is refreshed.
    await queryClient.invalidateQueries({ queryKey: ['field', 'evidence'] });
    if (sent) message.success(`已上传 ${sent} 张照片`);
    else if (!failed.length) message.info(`${files.length} 张照片已保存在本机，联网后自动上传`);
  };

  const items = evidence.data ?? [];
  return (
    <Card size="small" title={`现场照片（${items.length + waiting.length}）`} style={{ marginBottom: 12 }}>
      {editable && (
        <>
          <input id={inputId} className="field-photo-input" type="file" accept="image/*" capture="environment" multiple onChange={(e) => void onFiles(e)} disabled={progress !== null} />
          <label htmlFor={inputId} className="field-photo-label">
            <CameraOutlined aria-hidden /> 拍照上传
          </label>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '6px 0 0' }}>
            每张照片不超过 {options.maxPhotoMb} MB，每条记录最多 {options.maxEvidenceFiles} 个文件；照片先在本机缩小至长边 {options.photoMaxEdgePx} 像素并保存，联网后自动上传。
          </Typography.Paragraph>
        </>
      )}
      {progress && <Progress percent={Math.round((progress.done / progress.total) * 100)} format={() => `${progress.done}/${progress.total}`} aria-label="照片处理进度" />}
      {failures.length > 0 && <Alert type="error" showIcon role="alert" title="以下照片未能上传" description={failures.map((f) => <div key={f}>{f}</div>)} style={{ marginTop: 8 }} />}
      {waiting.length > 0 && (
        <ul aria-label="待上传的照片" style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
          {waiting.map((i) => (
            <li key={i.id} style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
              <div style={{ wordBreak: 'break-all' }}>
                {i.photo?.name} <Tag color={i.state === 'error' ? 'red' : 'gold'}>{i.state === 'error' ? '上传失败' : '待上传'}</Tag>
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {sizeText(i.photo?.size ?? 0)} · SHA-256 <span className="mono">{i.photo?.sha256.slice(0, 12)}…</span>
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
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
