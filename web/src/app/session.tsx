import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, CONSOLE_HEADER, logout as apiLogout, onSessionChange, refreshSession, setSession, type LoginResponse, type SessionUser } from '../api/client';

type Status = 'restoring' | 'anonymous' | 'authenticated';

interface SessionValue {
  status: Status;
  user: SessionUser | null;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * The signed-in user. On load the refresh cookie (if any) is exchanged for an access token, so a
 * reload keeps the session; a refused refresh (expired, revoked, password changed) signs out.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('restoring');
  const [user, setUser] = useState<SessionUser | null>(null);
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSessionChange((session) => {
        setUser(session?.user ?? null);
        setStatus(session ? 'authenticated' : 'anonymous');
        if (!session) queryClient.clear(); // nothing of the last user stays in memory
      }),
    [queryClient],
  );

  useEffect(() => {
    void refreshSession();
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await fetch('/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...CONSOLE_HEADER },
      body: JSON.stringify({ username, password }),
    }).catch(() => null);
    if (!res) throw ApiError.of(null);
    if (!res.ok) throw await ApiError.from(res);
    setSession((await res.json()) as LoginResponse);
  }, []);

  const logout = useCallback(() => apiLogout(), []);

  const value = useMemo(() => ({ status, user, login, logout }), [status, user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user, in a page that is only reachable signed in. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a session');
  return user;
}
