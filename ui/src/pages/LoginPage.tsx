import { useState, type FormEvent } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessage, session } from "../api";
import { ErrorBanner } from "../components/Feedback";
import { useSession } from "../session";

/** Sign in with a username and password, or with a personal access token. */
export function LoginPage() {
  const { user, server, signedIn, loading } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [token, setToken] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get("next"));

  if (!loading && user) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError("");
    if (!token && (!username || !password)) {
      setError("Enter your username and password, or an access token.");
      return;
    }
    setBusy(true);
    try {
      const info = await session.signIn(token ? { accessToken: token.trim() } : { username: username.trim(), password });
      signedIn(info);
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Sign in to GitOpsHQ</h1>
      <form onSubmit={submit} noValidate>
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        <p className="or">or</p>
        <label htmlFor="access-token">Access token</label>
        <input id="access-token" name="access-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        <ErrorBanner message={error} />
        <p>
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </p>
      </form>
      <p className="muted">{server?.version ? `GitOpsHQ Registry & Catalog v${server.version}` : ""}</p>
    </main>
  );
}

/** Only paths of this app (no other origin) are followed after sign-in. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/login")) return "/";
  return next;
}
