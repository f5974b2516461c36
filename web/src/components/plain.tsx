import { useEffect, useState, type ReactNode } from 'react';

/**
 * Plain stand-ins for the few antd pieces the console's first script would otherwise carry (Spin,
 * Empty, Alert, Grid's breakpoint): the inspector's 我的任务 and the layout around it open on a phone on
 * 3G, where every 10 KB of script is ≈ 0.1 s (docs/benchmarks.md, bench:console). Drawn as antd draws
 * them (global.css `.plain-*`); every other page keeps using antd itself.
 */
export function Spinner({ label }: { label?: string }) {
  return (
    <span className="plain-spin" role="status" aria-live="polite">
      <span className="plain-spin-dot" aria-hidden />
      {label && <span className="plain-spin-label">{label}</span>}
    </span>
  );
}

export function Notice({ type, title, children, alert }: { type: 'warning' | 'info'; title: ReactNode; children?: ReactNode; alert?: boolean }) {
  return (
    <div className={`plain-notice plain-notice-${type}`} role={alert ? 'alert' : undefined}>
      <div className="plain-notice-title">{title}</div>
      {children && <div className="plain-notice-body">{children}</div>}
    </div>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <div className="plain-empty">{children}</div>;
}

/** Wider than antd's `lg` breakpoint (992 px): the office layout with its side menu. */
export function useWide(): boolean {
  const query = '(min-width: 992px)';
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setWide(list.matches);
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, []);
  return wide;
}
