import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Spinner } from '../components/plain';
import { AppLayout } from './AppLayout';
import { withAntd } from './antdLoad';
import { PAGES, homeOf, type PageRoute } from './nav';
import { useSession } from './session';

// Not on a signed-in page's first load (the inspector's phone on 3G): the login form (antd Form and
// Input) and the 403/404 illustrations come in their own chunks when shown.
const LoginPage = lazy(withAntd(() => import('../pages/login/LoginPage')));
const StatusResult = lazy(withAntd(() => import('../components/StatusResult')));

function Loading() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
      <Spinner label="加载中…" />
    </div>
  );
}

/** A page reachable only signed in, and only by its roles (the API checks the same again). */
function Guard({ page, Component }: { page: PageRoute; Component: ComponentType }) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!page.roles.includes(user.role)) {
    if (page.path === '') return <Navigate to={homeOf(user.role)} replace />;
    return (
      <Suspense fallback={<Loading />}>
        <StatusResult status="403" title="无权访问" subTitle="您的角色不能使用此页面；如需使用请联系系统管理员。" />
      </Suspense>
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <Component />
    </Suspense>
  );
}

function SignedInLayout() {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <AppLayout />;
}

export const router = createBrowserRouter(
  [
    {
      path: '/login',
      element: (
        <Suspense fallback={<Loading />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: <SignedInLayout />,
      children: [
        ...PAGES.map((page) => ({
          path: page.path || undefined,
          index: page.path === '' ? true : undefined,
          handle: { title: page.title },
          lazy: async () => {
            const { default: Component } = await (page.plain ? page.load() : withAntd(page.load)());
            return { element: <Guard page={page} Component={Component} /> };
          },
        })),
        {
          path: '*',
          element: (
            <Suspense fallback={<Loading />}>
              <StatusResult status="404" title="页面不存在" subTitle="请从左侧菜单进入。" />
            </Suspense>
          ),
        },
      ],
    },
  ],
  { basename: '/console' },
);
