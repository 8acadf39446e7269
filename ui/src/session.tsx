import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Code, errorMessage, isCode, onSessionLost, session, setCsrfToken } from "./api";
import type { ServerInfo, SessionInfo } from "./gen/gitopshq/org/v1/session_pb";
import { Role, type User } from "./gen/gitopshq/org/v1/org_pb";
import { Progress } from "./components/Feedback";

interface SessionState {
  user: User | null;
  server: ServerInfo | null;
  loading: boolean;
  error: string;
  signedIn: (info: SessionInfo) => void;
  signOut: () => Promise<void>;
  canEdit: boolean;
  isAdmin: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [server, setServer] = useState<ServerInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState("");

  useEffect(() => {
    let live = true;
    Promise.allSettled([session.getServerInfo({}), session.getSession({})]).then(([info, current]) => {
      if (!live) return;
      if (info.status === "fulfilled") setServer(info.value);
      else setError(errorMessage(info.reason));
      if (current.status === "fulfilled") {
        setCsrfToken(current.value.csrfToken);
        setUser(current.value.user ?? null);
      } else if (!isCode(current.reason, Code.Unauthenticated) && !isCode(current.reason, Code.NotFound)) setError(errorMessage(current.reason));
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => onSessionLost(() => setUser(null)), []);

  const signedIn = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setUser(info.user ?? null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await session.signOut({});
    } finally {
      setCsrfToken("");
      setUser(null);
    }
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      user,
      server,
      loading,
      error,
      signedIn,
      signOut,
      canEdit: (user?.role ?? Role.ROLE_UNSPECIFIED) >= Role.EDITOR,
      isAdmin: user?.role === Role.ADMIN,
    }),
    [user, server, loading, error, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Progress label="Loading" />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}
