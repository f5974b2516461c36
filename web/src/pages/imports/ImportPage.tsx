import { Result } from 'antd';

// TODO(console): not built yet — replaced by the page's real implementation.
export default function ImportPage() {
  return <Result status="info" title="此页面尚在建设中" />;
}
