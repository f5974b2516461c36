import type { ComponentType } from 'react';

export const loadAntd = () => import('./antd');

/** A lazily loaded component drawn with antd, wrapped in its theme (antd.tsx), both fetched at once. */
export function withAntd<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): () => Promise<{ default: ComponentType<P> }> {
  return async () => {
    const [{ default: Component }, { Antd }] = await Promise.all([load(), loadAntd()]);
    return {
      default: (props: P) => (
        <Antd>
          <Component {...props} />
        </Antd>
      ),
    };
  };
}
