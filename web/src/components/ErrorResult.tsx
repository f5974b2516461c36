import { Button, Result } from 'antd';
import { ApiError } from '../api/client';

/** A failed load: the API's Chinese message and a retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const err = error instanceof ApiError ? error : ApiError.of(null);
  const status = err.status === 403 ? '403' : err.status === 404 ? '404' : 'error';
  return (
    <Result
      status={status}
      title={err.status === 404 ? '未找到' : err.status === 403 ? '无权访问' : '加载失败'}
      subTitle={err.message}
      extra={onRetry && <Button onClick={onRetry}>重试</Button>}
    />
  );
}
export default ErrorResult;
