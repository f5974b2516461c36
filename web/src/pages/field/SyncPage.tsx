import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Tag, Typography } from 'antd';
import { formatDateTime } from '../../components/format';
import { discard, retry, syncNow, type OutboxItem } from '../../offline/outbox';
import { useOutbox } from '../../offline/useOutbox';
import './field.css';

const KIND_LABELS: Record<OutboxItem['kind'], string> = { record: '保存检查记录', photo: '上传照片', submit: '提交检查记录' };

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function What({ item }: { item: OutboxItem }) {
  return (
    <>
      <div style={{ fontWeight: 600 }}>
        {KIND_LABELS[item.kind]}
        {item.photo ? `：${item.photo.name}` : ''}
      </div>
      <div className="field-meta">
        <span>{item.entityName}</span>
        <span>记录于 {formatDateTime(item.createdAt)}</span>
      </div>
      {item.photo && (
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {sizeText(item.photo.size)} · SHA-256{' '}
          <span className="mono" data-testid="photo-sha256">
            {item.photo.sha256}
          </span>
        </Typography.Text>
      )}
    </>
  );
}

/** 待同步: what waits for the network, what the server refused (and what to do), and what was sent. */
export default function SyncPage() {
  const { online, waiting, failed, sent, loaded } = useOutbox();
  const { modal } = App.useApp();
  if (!loaded) return null;

  const confirmDiscard = (item: OutboxItem) =>
    modal.confirm({
      title: `放弃“${KIND_LABELS[item.kind]}”？`,
      content: item.kind === 'photo' ? '该照片将从本机删除，不会上传，且不能恢复。' : '本机排队的这项操作将被删除，不会发送；表单中已填写的内容仍保留在本机。',
      okText: '确认放弃',
      okButtonProps: { danger: true },
      cancelText: '保留',
      onOk: () => discard(item),
    });

  return (
    <div className="field-page">
      {!online && <Alert type="warning" showIcon title="当前离线" description="填写的检查记录和照片都保存在本机，联网后自动按顺序发送，每项只发送一次。" style={{ marginBottom: 12 }} />}
      <section aria-labelledby="sync-failed">
        <h2 className="field-group-title" id="sync-failed">
          同步失败（{failed.length}）
        </h2>
        {failed.length === 0 && <Typography.Paragraph type="secondary">没有同步失败的项目。</Typography.Paragraph>}
        {failed.map((item) => (
          <Card key={item.id} size="small" className="field-task-card" role="article" aria-label={`同步失败：${KIND_LABELS[item.kind]}`}>
            <What item={item} />
            <Alert
              type="error"
              showIcon
              style={{ margin: '8px 0' }}
              title={item.error?.message ?? '发送失败'}
              description={
                <>
                  {item.error?.details.map((d) => <div key={d}>{d}</div>)}
                  <div style={{ marginTop: 4 }}>处理办法：{item.error?.hint}</div>
                </>
              }
            />
            <div className="field-actions">
              <Button size="large" onClick={() => void retry(item)} disabled={!online}>
                重试
              </Button>
              <Button size="large" href={`/console/tasks/${item.taskId}`}>
                打开检查表单
              </Button>
              <Button size="large" danger onClick={() => confirmDiscard(item)}>
                放弃
              </Button>
            </div>
          </Card>
        ))}
      </section>

      <section aria-labelledby="sync-waiting">
        <h2 className="field-group-title" id="sync-waiting">
          等待发送（{waiting.length}）
        </h2>
        {waiting.length === 0 ? (
          <Empty description="没有等待发送的项目。" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <>
            {waiting.map((item) => (
              <Card key={item.id} size="small" className="field-task-card" role="article" aria-label={`等待发送：${KIND_LABELS[item.kind]}`}>
                <What item={item} />
                <div style={{ marginTop: 4 }}>
                  <Tag color="gold">等待发送</Tag>
                  <Typography.Text type="secondary">{item.note ?? (online ? '正在发送…' : '联网后自动发送')}</Typography.Text>
                </div>
                <Button type="link" danger onClick={() => confirmDiscard(item)} style={{ minHeight: 44, paddingLeft: 0 }}>
                  放弃
                </Button>
              </Card>
            ))}
            <Button size="large" type="primary" block onClick={() => void syncNow()} disabled={!online}>
              {online ? '立即同步' : '离线：联网后自动同步'}
            </Button>
          </>
        )}
      </section>

      <section aria-labelledby="sync-sent">
        <h2 className="field-group-title" id="sync-sent">
          已发送（{sent.length}）
        </h2>
        {sent.length === 0 && <Typography.Paragraph type="secondary">尚无已发送的项目。</Typography.Paragraph>}
        <ul aria-label="已发送" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {sent.map((item) => (
            <li key={item.id} style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
              <What item={item} />
              <div>
                <Tag color="green">已发送</Tag>
                <Typography.Text type="secondary">
                  {item.outcome}（{item.sentAt ? formatDateTime(item.sentAt) : ''}）
                </Typography.Text>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
        本机数据在退出登录时清除。<Link to="/tasks">返回我的任务</Link>
      </Typography.Paragraph>
    </div>
  );
}
