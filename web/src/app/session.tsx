import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, CONSOLE_HEADER, logout as apiLogout, onSessionChange, refreshSession, refreshWasUnreachable, setSession, type LoginResponse, type SessionUser } from '../api/client';
import { clearAll, kvGet, kvSet } from '../offline/db';
import { startOutbox } from '../offline/outbox';

type Status = 'restoring' | 'anonymous' | 'authenticated';

interface SessionValue {
  status: Status;
  user: SessionUser | null;
  /** Signed in on this device before, the server unreachable now: the inspector's device copy is shown. */
  offline: boolean;
  /**
   * The app has just started and the server has not answered the refresh yet: the device's owner (the
   * last inspector signed in here) is shown their device copy meanwhile (docs/adr/0020, "Opening from the
   * device"). Nothing is sent until the server confirms; a refusal signs out as usual.
   */
  provisional: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * The device's owner (offline/db.ts): the last inspector signed in here. Another user signing in clears
 * the device first, so nobody sees (or sends) the previous user's tasks, drafts or photos.
 */
async function claimDevice(user: SessionUser): Promise<void> {
  const owner = await kvGet<SessionUser>('owner');
  if (owner && owner.id !== user.id) await clearAll();
  if (user.role === 'inspector') {
    await kvSet('owner', user);
    startOutbox();
  } else if (owner) await kvSet('owner', undefined);
}

/**
 * The signed-in user. On load the refresh cookie (if any) is exchanged for an access token, so a
 * reload keeps the session; a refused refresh (expired, revoked, password changed) signs out.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('restoring');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [offline, setOffline] = useState(false);
  const [provisional, setProvisional] = useState(false);
  /** The server has answered the first refresh (or a login): the device's owner is no longer a guess. */
  const answered = useRef(false);
  const shown = useRef<SessionUser | null>(null);
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSessionChange((session) => {
        answered.current = true;
        setProvisional(false);
        const signedOut = () => {
          shown.current = null;
          setUser(null);
          setOffline(false);
          setStatus('anonymous');
          queryClient.clear(); // nothing of the last user stays in memory
        };
        if (session) {
          // Someone else than the device's owner shown meanwhile (a cookie of another sign-in): nothing of the owner stays.
          if (shown.current && shown.current.id !== session.user.id) queryClient.clear();
          shown.current = session.user;
          setUser(session.user);
          setOffline(false);
          setStatus('authenticated');
          void claimDevice(session.user).catch(() => undefined);
          return;
        }
        // No network (not a refusal): the inspector last signed in here works on with the device's copy.
        // The server is asked again when the network returns; a refusal then signs out.
        if (!refreshWasUnreachable()) return signedOut();
        void kvGet<SessionUser>('owner')
          .catch(() => undefined)
          .then((owner) => {
            if (!owner || owner.role !== 'inspector') return signedOut();
            shown.current = owner;
            setUser(owner);
            setOffline(true);
            setStatus('authenticated');
            startOutbox();
          });
      }),
    [queryClient],
  );

  useEffect(() => {
    if (!offline) return;
    const again = () => {
      if (navigator.onLine) void refreshSession();
    };
    window.addEventListener('online', again);
    const timer = setInterval(again, 30_000);
    return () => {
      window.removeEventListener('online', again);
      clearInterval(timer);
    };
  }, [offline]);

  useEffect(() => {
    void refreshSession();
    // Opening from the device: while the refresh is in flight (two round trips on 3G), the device's owner
    // sees their device copy at once, as offline (ADR 0020). The server's answer then confirms, replaces
    // (another user: cleared, claimDevice) or refuses (signed out) — nothing is sent before it.
    void kvGet<SessionUser>('owner')
      .catch(() => undefined)
      .then((owner) => {
        if (answered.current || !owner || owner.role !== 'inspector') return;
        shown.current = owner;
        setUser(owner);
        setProvisional(true);
        setStatus('authenticated');
      });
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

  // Logging out clears the device: the inspector's copies, drafts, queue and photos (AppLayout warns first).
  const logout = useCallback(async () => {
    await apiLogout();
    await clearAll().catch(() => undefined);
  }, []);

  const value = useMemo(() => ({ status, user, offline, provisional, login, logout }), [status, user, offline, provisional, login, logout]);
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
