import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { theme } from './theme';

dayjs.locale('zh-cn');

/**
 * Ant Design's theme and Chinese locale (and dayjs's, for its date pickers), around whatever draws antd
 * components. Not in the console's first script: its CSS-in-JS engine, theme and popup machinery are
 * ≈ 45 KB gzipped, which the inspector's 我的任务 (plain elements) does without on a phone on 3G; every
 * other page, the menu, the login form and the message/modal holders are wrapped in it (antdLoad.tsx).
 */
export function Antd({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}
