import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { router } from './app/routes';
import { FeedbackProvider } from './app/feedback';
import { SessionProvider } from './app/session';
import './app/global.css';

// The app shell offline (web/sw.js, written into the build by web/build.mjs); absent in development.
// Registered once the first screen is up: installing fetches every file of the build, which must not
// compete with that screen for the network and the CPU (a phone on 3G: docs/benchmarks.md, bench:console).
if ('serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('/console/sw.js', { scope: '/console/' }).catch(() => undefined);
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      // A 4xx will not change by asking again; a network failure might.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* No antd ConfigProvider here: each part drawn with antd brings its own (app/antd.tsx). */}
    <FeedbackProvider>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
    </FeedbackProvider>
  </StrictMode>,
);
