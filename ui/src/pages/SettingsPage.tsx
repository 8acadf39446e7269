import { useCallback, useEffect, useState, type FormEvent } from "react";
import { NavLink, Navigate, Route, Routes } from "react-router";
import { errorMessage, org } from "../api";
import { Role, type AccessToken, type User } from "../gen/gitopshq/org/v1/org_pb";
import { Confirm, CopyButton, Dialog, ErrorBanner, Notice, Progress, FormActions } from "../components/Feedback";
import { formatTime, roleName } from "../lib/format";
import { useSession } from "../session";
import { OciCredentials } from "./OciCredentials";
import { AuditLog } from "./AuditLog";

/** Personal settings for everyone; org settings (registry tokens, users) for admins. */
export default function SettingsPage() {
  const { isAdmin } = useSession();
  return (
    <main className="page">
      <h1>Settings</h1>
      <nav className="settings-nav" aria-label="Settings">
        <NavLink to="/settings" end>
          Your account
        </NavLink>
        {isAdmin && <NavLink to="/settings/registry-tokens">Registry tokens</NavLink>}
        {isAdmin && <NavLink to="/settings/users">Users and roles</NavLink>}
        {isAdmin && <NavLink to="/settings/oci-credentials">OCI credentials</NavLink>}
        {isAdmin && <NavLink to="/settings/audit">Audit log</NavLink>}
      </nav>
      <Routes>
        <Route index element={<Account />} />
        <Route path="registry-tokens" element={isAdmin ? <RegistryTokens /> : <AdminsOnly />} />
        <Route path="users" element={isAdmin ? <Users /> : <AdminsOnly />} />
        <Route path="oci-credentials" element={isAdmin ? <OciCredentials /> : <AdminsOnly />} />
        <Route path="audit" element={isAdmin ? <AuditLog /> : <AdminsOnly />} />
        <Route path="*" element={<Navigate to="/settings" replace />} />
      </Routes>
    </main>
  );
}

function AdminsOnly() {
  return <Notice kind="warn">Only admins manage the organisation's settings.</Notice>;
}

function OnceSecret({ label, value, onDone }: { label: string; value: string; onDone: () => void }) {
  return (
    <div className="card" role="region" aria-label={label}>
      <Notice kind="warn">Copy it now: it is shown this once and cannot be shown again.</Notice>
      <div className="toolbar">
        <code className="secret" aria-label={`${label} value`}>
          {value}
        </code>
        <CopyButton text={value} />
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function Account() {
  const { user } = useSession();
  return (
    <>
      <section className="card" aria-label="Profile">
        <h2>Profile</h2>
        <p>
          {user?.name || user?.username} ({user?.username}) · {roleName(user?.role)}
          {user?.email ? ` · ${user.email}` : ""}
        </p>
      </section>
      <ChangePassword />
      <PersonalTokens />
    </>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirmNext, setConfirmNext] = useState("");
  const [error, setError] = useState("");
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError("");
    setDone(false);
    if (next.length < 12) return setError("The new password needs at least 12 characters.");
    if (next !== confirmNext) return setError("The two new passwords differ.");
    setBusy(true);
    try {
      await org.changePassword({ currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent("");
      setNext("");
      setConfirmNext("");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card" aria-label="Password">
      <h2>Password</h2>
      <form onSubmit={submit} style={{ maxWidth: 360 }}>
        <label htmlFor="current-password">Current password</label>
        <input id="current-password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} style={{ width: "100%" }} />
        <label htmlFor="new-password">New password</label>
        <input id="new-password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} style={{ width: "100%" }} />
        <div className="field-hint">At least 12 characters.</div>
        <label htmlFor="confirm-password">Confirm the new password</label>
        <input id="confirm-password" type="password" autoComplete="new-password" value={confirmNext} onChange={(e) => setConfirmNext(e.target.value)} style={{ width: "100%" }} />
        <ErrorBanner message={error} />
        {done && <Notice>Password changed. Your other sessions were signed out.</Notice>}
        <p>
          <button type="submit" className="primary" disabled={busy}>
            Change password
          </button>
        </p>
      </form>
    </section>
  );
}

function expiryOptions() {
  return (
    <>
      <option value={7}>7 days</option>
      <option value={30}>30 days</option>
      <option value={90}>90 days</option>
      <option value={365}>1 year</option>
      <option value={0}>Never</option>
    </>
  );
}

/** Tokens of one kind: create (the value shown once), list, revoke after confirmation. */
function TokenSection({
  label,
  idPrefix,
  defaultDays,
  scopes,
  nameHint,
  list,
  create,
  revoke,
}: {
  label: string;
  idPrefix: string;
  defaultDays: number;
  /** The scopes offered; none for tokens with their owner's role. */
  scopes?: string[];
  nameHint: string;
  list: () => Promise<TokenRow[]>;
  create: (name: string, scope: string, days: number) => Promise<string>;
  revoke: (id: string) => Promise<unknown>;
}) {
  const [tokens, setTokens] = useState<TokenRow[] | null>(null);
  const [name, setName] = useState("");
  const [scope, setScope] = useState(scopes?.[0] ?? "");
  const [days, setDays] = useState(defaultDays);
  const [secret, setSecret] = useState("");
  const [error, setError] = useState("");
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const load = useCallback(() => list().then(setTokens).catch((e) => setError(errorMessage(e))), [list]);
  useEffect(() => void load(), [load]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError("");
    if (!name.trim()) return setError(nameHint);
    try {
      setSecret(await create(name.trim(), scope, days));
      setName("");
      await load();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <>
      {secret && <OnceSecret label={`New ${label}`} value={secret} onDone={() => setSecret("")} />}
      <form className="toolbar" onSubmit={submit}>
        <label className="inline" htmlFor={`${idPrefix}-name`}>
          Name <input id={`${idPrefix}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {scopes && (
          <label className="inline" htmlFor={`${idPrefix}-scope`}>
            Scope
            <select id={`${idPrefix}-scope`} value={scope} onChange={(e) => setScope(e.target.value)}>
              {scopes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline" htmlFor={`${idPrefix}-expiry`}>
          Expires in
          <select id={`${idPrefix}-expiry`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {expiryOptions()}
          </select>
        </label>
        <button type="submit" className="primary">
          Create token
        </button>
      </form>
      <ErrorBanner message={error} />
      <TokenTable rows={tokens ?? []} loading={tokens === null} onRevoke={(id) => setRevoking(tokens?.find((t) => t.id === id) ?? null)} showScope={!!scopes} />
      <Confirm
        open={revoking !== null}
        title={`Revoke ${label}`}
        message={<p>Revoke “{revoking?.name}”? Everything using it is refused from now on.</p>}
        confirmLabel="Revoke"
        onCancel={() => setRevoking(null)}
        onConfirm={async () => {
          try {
            await revoke(revoking!.id);
            await load();
          } catch (err) {
            setError(errorMessage(err));
          }
          setRevoking(null);
        }}
      />
    </>
  );
}

const listPersonalTokens = () =>
  org.listAccessTokens({}).then((r) => r.tokens.map((t) => ({ id: t.id, name: t.name, scope: "", createdBy: t.username, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, revoked: t.revoked })));
const createPersonalToken = (name: string, _scope: string, days: number) => org.createAccessToken({ name, expiresInDays: days }).then((r) => r.secret);
const revokePersonalToken = (id: string) => org.revokeAccessToken({ id });

function PersonalTokens() {
  return (
    <section className="card" aria-label="Personal access tokens">
      <h2>Personal access tokens</h2>
      <p className="muted">For the API, the CLI, git and helm, with your role.</p>
      <TokenSection label="personal access token" idPrefix="pat" defaultDays={30} nameHint="Name the token (what it is for)." list={listPersonalTokens} create={createPersonalToken} revoke={revokePersonalToken} />
    </section>
  );
}

interface TokenRow {
  id: string;
  name: string;
  scope: string;
  createdBy: string;
  createdAt?: AccessToken["createdAt"];
  expiresAt?: AccessToken["expiresAt"];
  lastUsedAt?: AccessToken["lastUsedAt"];
  revoked: boolean;
}

function TokenTable({ rows, loading, onRevoke, showScope }: { rows: TokenRow[]; loading: boolean; onRevoke: (id: string) => void; showScope: boolean }) {
  if (loading) return <Progress label="Loading tokens" />;
  if (rows.length === 0) return <p className="muted">No tokens yet.</p>;
  return (
    <table className="list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showScope && <th scope="col">Scope</th>}
          <th scope="col">Created by</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.id}>
            <td>{t.name}</td>
            {showScope && (
              <td>
                <span className="badge">{t.scope}</span>
              </td>
            )}
            <td>{t.createdBy}</td>
            <td>{formatTime(t.createdAt)}</td>
            <td>{formatTime(t.expiresAt, "never")}</td>
            <td>{formatTime(t.lastUsedAt, "never")}</td>
            <td>
              {t.revoked ? (
                <span className="badge">revoked</span>
              ) : (
                <button type="button" className="danger" onClick={() => onRevoke(t.id)} aria-label={`Revoke ${t.name}`}>
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const listRegistryTokens = () =>
  org.listRegistryTokens({}).then((r) => r.tokens.map((t) => ({ id: t.id, name: t.name, scope: t.scope, createdBy: t.createdBy, createdAt: t.createdAt, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, revoked: t.revoked })));
const createRegistryToken = (name: string, scope: string, days: number) => org.createRegistryToken({ name, scope, expiresInDays: days }).then((r) => r.value);
const revokeRegistryToken = (id: string) => org.revokeRegistryToken({ id });

function RegistryTokens() {
  return (
    <section aria-label="Registry tokens">
      <p className="muted">
        For <code>helm registry login</code>, <code>docker login</code>, Flux and git: the token is the password, any username.
      </p>
      <TokenSection
        label="registry token"
        idPrefix="rt"
        defaultDays={90}
        scopes={["pull", "push", "pull+push"]}
        nameHint="Name the token (e.g. the cluster or CI job that uses it)."
        list={listRegistryTokens}
        create={createRegistryToken}
        revoke={revokeRegistryToken}
      />
    </section>
  );
}

const roles: [Role, string][] = [
  [Role.VIEWER, "viewer"],
  [Role.EDITOR, "editor"],
  [Role.ADMIN, "admin"],
];

function Users() {
  const { user: me } = useSession();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const load = useCallback(() => org.listUsers({}).then((r) => setUsers(r.users)).catch((e) => setError(errorMessage(e))), []);
  useEffect(() => void load(), [load]);
  async function setRole(user: User, role: Role) {
    setError("");
    try {
      await org.updateUser({ username: user.username, name: user.name, email: user.email, role });
      setNotice(`${user.username} is now ${roleName(role)}.`);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  return (
    <section aria-label="Users and roles">
      <div className="toolbar">
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Add user
        </button>
      </div>
      <ErrorBanner message={error} />
      {notice && <Notice>{notice}</Notice>}
      {users === null ? (
        <Progress label="Loading users" />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Password</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  <label className="sr-only" htmlFor={`role-${u.username}`}>
                    Role of {u.username}
                  </label>
                  <select id={`role-${u.username}`} value={u.role} disabled={u.username === me?.username} onChange={(e) => void setRole(u, Number(e.target.value) as Role)}>
                    {roles.map(([r, label]) => (
                      <option key={r} value={r}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.hasPassword ? "set" : <span className="muted">none</span>}{" "}
                  <button type="button" className="link" onClick={() => setResetting(u)} aria-label={`Set password of ${u.username}`}>
                    {u.hasPassword ? "Reset" : "Set"}
                  </button>
                </td>
                <td>{formatTime(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewUserDialog open={creating} onClose={() => setCreating(false)} onCreated={(u) => { setNotice(`Added ${u.username}.`); void load(); }} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} onDone={(u) => { setNotice(`Password of ${u} set; their sessions were signed out.`); void load(); }} />
    </section>
  );
}

function NewUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (u: User) => void }) {
  const [form, setForm] = useState({ username: "", name: "", email: "", role: Role.VIEWER, password: "" });
  const [error, setError] = useState("");
  useEffect(() => {
    if (open) {
      setForm({ username: "", name: "", email: "", role: Role.VIEWER, password: "" });
      setError("");
    }
  }, [open]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError("");
    if (form.password && form.password.length < 12) return setError("A password needs at least 12 characters (or leave it empty).");
    try {
      onCreated(await org.createUser(form));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <Dialog open={open} title="Add user" onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="user-username">Username</label>
        <input id="user-username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} style={{ width: "100%" }} autoFocus />
        <label htmlFor="user-name">Name</label>
        <input id="user-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} style={{ width: "100%" }} />
        <label htmlFor="user-email">Email</label>
        <input id="user-email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} style={{ width: "100%" }} />
        <label htmlFor="user-role">Role</label>
        <select id="user-role" value={form.role} onChange={(e) => setForm({ ...form, role: Number(e.target.value) as Role })}>
          {roles.map(([r, label]) => (
            <option key={r} value={r}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor="user-password">Initial password (optional)</label>
        <input id="user-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} style={{ width: "100%" }} />
        <div className="field-hint">At least 12 characters; without one the user signs in with an access token.</div>
        <ErrorBanner message={error} />
        <FormActions submitLabel="Add user" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: User | null; onClose: () => void; onDone: (username: string) => void }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  useEffect(() => {
    setPassword("");
    setError("");
  }, [user]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!user) return;
    if (password.length < 12) return setError("At least 12 characters.");
    try {
      await org.resetPassword({ username: user.username, password });
      onDone(user.username);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <Dialog open={user !== null} title={`Set the password of ${user?.username ?? ""}`} onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="reset-password">New password</label>
        <input id="reset-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} style={{ width: "100%" }} autoFocus />
        <ErrorBanner message={error} />
        <FormActions submitLabel="Set password" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
