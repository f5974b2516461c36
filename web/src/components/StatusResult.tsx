import { Result } from 'antd';

/**
 * 无权访问 / 页面不存在, loaded only when shown: antd's Result carries its status illustrations
 * (tens of KB), which must not weigh on every page's first load (the inspector's phone on 3G).
 */
export default function StatusResult({ status, title, subTitle }: { status: '403' | '404'; title: string; subTitle: string }) {
  return <Result status={status} title={title} subTitle={subTitle} />;
}
