import { lazy, Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import AppContext, { type useAppProps } from 'antd/es/app/context';

/**
 * What `App.useApp()` gives every page (message, notification, modal), without antd's App component in
 * the first script: its three hooks bring Modal, Form and Skeleton (~34 KB gzipped), 0.2 s on a phone
 * on 3G before the inspector's task list. Pages keep calling `App.useApp()`; this provides the same
 * context with stand-ins that forward to the real hooks (FeedbackHolder.tsx), loaded at the first call
 * (a few pages never show one; the service worker has the chunk offline). That first call waits for it;
 * its handle (close / destroy / update / then) forwards once the real one exists.
 */
type Api = useAppProps;
type Kind = keyof Api;

let real: Api | null = null;
const waiting: (() => void)[] = [];
const FeedbackHolder = lazy(() => import('./FeedbackHolder'));
/** Mounts the holder (set by FeedbackProvider). */
let mountHolder: (() => void) | null = null;

export function feedbackReady(api: Api): void {
  real = api;
  for (const run of waiting.splice(0)) run();
}

/** A handle standing in for what the real call answers (a closer for message/notification, {destroy, update} for modal). */
function deferredHandle(result: Promise<unknown>) {
  const forward =
    (name?: string) =>
    (...args: unknown[]) =>
      void result.then((h) => {
        const target = name ? (h as Record<string, unknown> | undefined)?.[name] : h;
        if (typeof target === 'function') (target as (...a: unknown[]) => unknown).apply(h, args);
      });
  return Object.assign(forward(), { destroy: forward('destroy'), update: forward('update'), then: (ok?: (v: boolean) => unknown, fail?: (e: unknown) => unknown) => result.then(() => true).then(ok, fail) });
}

function standIn(kind: Kind): Api[Kind] {
  return new Proxy({} as Api[Kind], {
    get: (_, name: string) =>
      (...args: unknown[]) => {
        const call = (): unknown => ((real![kind] as unknown as Record<string, (...a: unknown[]) => unknown>)[name])(...args);
        if (real) return call();
        const result = new Promise<unknown>((resolve) => waiting.push(() => resolve(call())));
        mountHolder?.();
        return deferredHandle(result);
      },
  });
}

export function FeedbackProvider({ children }: { children: ReactNode }) {
  const value = useMemo<Api>(() => ({ message: standIn('message') as Api['message'], notification: standIn('notification') as Api['notification'], modal: standIn('modal') as Api['modal'] }), []);
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    mountHolder = () => setMounted(true);
    if (waiting.length) setMounted(true);
    return () => {
      mountHolder = null;
    };
  }, []);
  return (
    <AppContext.Provider value={value}>
      {children}
      {mounted && (
        <Suspense fallback={null}>
          <FeedbackHolder />
        </Suspense>
      )}
    </AppContext.Provider>
  );
}

/** `App.useApp()` for code in the first script (importing antd's App there would bring what this avoids). */
export function useFeedback(): Api {
  return useContext(AppContext);
}
