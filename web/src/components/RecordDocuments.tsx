import { useEffect, useState } from 'react';
import { App, Button, Card, Space, Typography } from 'antd';
import { fetchBlob } from '../api/client';

/**
 * The printable 现场检查笔录 (PDF rendered by the server) and the task's 检查码 (QR code of its public
 * page). Mounted in the office record detail; the inspector's field console can mount it as is
 * (props from its task and record). The files need the bearer token, so they are fetched and shown
 * through object URLs rather than plain links.
 */
export function RecordDocuments({ recordId, taskId, checkCodeUrl }: { recordId?: string; taskId: string; checkCodeUrl?: string }) {
  const { message } = App.useApp();
  const [qr, setQr] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    fetchBlob(`/tasks/${taskId}/check-code.svg`)
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setQr(url);
      })
      .catch(() => setQr(null));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [taskId]);

  const openTranscript = async () => {
    if (!recordId) return;
    // Opened before the fetch so that the browser counts it as the click's own window (no popup blocker).
    const win = window.open('', '_blank');
    setOpening(true);
    try {
      const url = URL.createObjectURL(await fetchBlob(`/records/${recordId}/transcript.pdf`));
      if (win) win.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      win?.close();
      message.error(err instanceof Error ? err.message : '笔录生成失败，请稍后重试');
    } finally {
      setOpening(false);
    }
  };

  return (
    <Card title="现场检查笔录与检查码" size="small" style={{ marginBottom: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {recordId && (
          <Button onClick={openTranscript} loading={opening}>
            打印现场检查笔录（PDF）
          </Button>
        )}
        {qr && <img src={qr} alt="检查码二维码" width={132} height={132} />}
        {checkCodeUrl && (
          <Typography.Text copyable={{ text: checkCodeUrl }} style={{ wordBreak: 'break-all', fontSize: 12 }}>
            检查码：<a href={checkCodeUrl} target="_blank" rel="noreferrer">{checkCodeUrl}</a>
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          被检查单位扫描二维码即可核验本次检查的真实性（无需账号）。
        </Typography.Text>
      </Space>
    </Card>
  );
}
