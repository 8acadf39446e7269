import { useCallback, useEffect, useState, type FormEvent } from "react";
import { errorMessage, sources } from "../api";
import type { OciCredential } from "../gen/gitopshq/sources/v1/sources_pb";
import { Confirm, Dialog, ErrorBanner, Notice, Progress, FormActions } from "../components/Feedback";
import { formatTime } from "../lib/format";

interface Form {
  id: string;
  host: string;
  username: string;
  password: string;
  insecure: boolean;
  authType: string;
}

const empty: Form = { id: "", host: "", username: "", password: "", insecure: false, authType: "basic" };

/** Credentials for external registries and chart URLs: add, edit, delete, and Test Connection (admins). */
export function OciCredentials() {
  const [credentials, setCredentials] = useState<OciCredential[] | null>(null);
  const [error, setError] = useState("");
  const [form, setForm] = useState<Form | null>(null);
  const [formError, setFormError] = useState("");
  const [deleting, setDeleting] = useState<OciCredential | null>(null);
  const [testing, setTesting] = useState("");
  const [results, setResults] = useState<Record<string, { success: boolean; message: string }>>({});
  const [repository, setRepository] = useState<Record<string, string>>({});
  const load = useCallback(() => sources.listOciCredentials({}).then((r) => setCredentials(r.credentials)).catch((e) => setError(errorMessage(e))), []);
  useEffect(() => void load(), [load]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setFormError("");
    if (!form.host.trim()) return setFormError("Enter the registry host, e.g. registry.example.com or ghcr.io.");
    if (!form.id && !form.password) return setFormError("Enter the password or token.");
    try {
      if (form.id) await sources.updateOciCredential({ id: form.id, host: form.host.trim(), username: form.username, password: form.password, insecure: form.insecure, authType: form.authType });
      else await sources.createOciCredential({ host: form.host.trim(), username: form.username, password: form.password, insecure: form.insecure, authType: form.authType });
      setForm(null);
      await load();
    } catch (err) {
      setFormError(errorMessage(err));
    }
  }

  async function test(c: OciCredential) {
    setTesting(c.id);
    try {
      const r = await sources.testOciCredential({ id: c.id, repository: repository[c.id] ?? "" });
      setResults((all) => ({ ...all, [c.id]: { success: r.success, message: r.message } }));
      await load();
    } catch (err) {
      setResults((all) => ({ ...all, [c.id]: { success: false, message: errorMessage(err) } }));
    } finally {
      setTesting("");
    }
  }

  return (
    <section aria-label="OCI credentials">
      <div className="toolbar">
        <p className="muted" style={{ margin: 0 }}>
          Credentials for external OCI registries and chart URLs. They are used whenever a chart source on that host is contacted; the password is stored encrypted and never shown again.
        </p>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => { setFormError(""); setForm({ ...empty }); }}>
          Add credential
        </button>
      </div>
      <ErrorBanner message={error} />
      {credentials === null ? (
        <Progress label="Loading credentials" />
      ) : credentials.length === 0 ? (
        <p className="muted">No credentials yet: public registries need none.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Username</th>
              <th scope="col">Plain HTTP</th>
              <th scope="col">Created</th>
              <th scope="col">Last test</th>
              <th scope="col">Test</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => {
              const result = results[c.id] ?? (c.lastTest ? { success: c.lastTest.success, message: c.lastTest.message } : null);
              return (
                <tr key={c.id}>
                  <td className="mono">{c.host}</td>
                  <td>{c.username}</td>
                  <td>{c.insecure ? "allowed" : "no"}</td>
                  <td>
                    {formatTime(c.createdAt)} by {c.createdBy}
                  </td>
                  <td role="status" aria-label={`Last test of ${c.host}`}>
                    {result ? <span className={result.success ? "ok" : "error"}>{result.success ? "✔ " : "✖ "}{result.message}</span> : <span className="muted">never tested</span>}
                    {c.lastTest?.testedAt && <div className="muted">{formatTime(c.lastTest.testedAt)}</div>}
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`test-repo-${c.id}`}>
                      Repository to test on {c.host}
                    </label>
                    <input id={`test-repo-${c.id}`} placeholder="repository (optional)" value={repository[c.id] ?? ""} onChange={(e) => setRepository((r) => ({ ...r, [c.id]: e.target.value }))} style={{ width: 160 }} />{" "}
                    <button type="button" onClick={() => void test(c)} disabled={testing === c.id} aria-label={`Test connection to ${c.host}`}>
                      {testing === c.id ? "Testing…" : "Test connection"}
                    </button>
                  </td>
                  <td>
                    <button type="button" onClick={() => { setFormError(""); setForm({ id: c.id, host: c.host, username: c.username, password: "", insecure: c.insecure, authType: c.authType || "basic" }); }} aria-label={`Edit ${c.host}`}>
                      Edit
                    </button>{" "}
                    <button type="button" className="danger" onClick={() => setDeleting(c)} aria-label={`Delete ${c.host}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Dialog open={form !== null} title={form?.id ? `Edit credential for ${form.host}` : "Add credential"} onClose={() => setForm(null)}>
        {form && (
          <form onSubmit={save}>
            <label htmlFor="cred-host">Registry host</label>
            <input id="cred-host" value={form.host} placeholder="registry.example.com" onChange={(e) => setForm({ ...form, host: e.target.value })} style={{ width: "100%" }} autoFocus />
            <div className="field-hint">A scheme, path or trailing slash is removed; the port is kept. docker.io and registry-1.docker.io are one host.</div>
            <label htmlFor="cred-username">Username</label>
            <input id="cred-username" value={form.username} autoComplete="off" onChange={(e) => setForm({ ...form, username: e.target.value })} style={{ width: "100%" }} />
            <label htmlFor="cred-password">Password or token</label>
            <input id="cred-password" type="password" autoComplete="new-password" value={form.password} placeholder={form.id ? "unchanged" : ""} onChange={(e) => setForm({ ...form, password: e.target.value })} style={{ width: "100%" }} />
            {form.id && <div className="field-hint">Leave empty to keep the stored one.</div>}
            <label htmlFor="cred-auth">Chart URLs authenticate with</label>
            <select id="cred-auth" value={form.authType} onChange={(e) => setForm({ ...form, authType: e.target.value })}>
              <option value="basic">Basic (username and password)</option>
              <option value="bearer">Bearer (the token)</option>
            </select>
            <p>
              <label className="inline">
                <input type="checkbox" checked={form.insecure} onChange={(e) => setForm({ ...form, insecure: e.target.checked })} />
                Allow plain HTTP to this host
              </label>
            </p>
            {form.insecure && <Notice kind="warn">Plain HTTP sends the credential unencrypted: only for registries on a trusted network.</Notice>}
            <ErrorBanner message={formError} />
            <FormActions submitLabel="Save" onCancel={() => setForm(null)} />
          </form>
        )}
      </Dialog>
      <Confirm
        open={deleting !== null}
        title="Delete credential"
        message={<p>Delete the credential for {deleting?.host}? Chart sources on that host will be contacted without it.</p>}
        confirmLabel="Delete"
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          try {
            await sources.deleteOciCredential({ id: deleting!.id });
            await load();
          } catch (err) {
            setError(errorMessage(err));
          }
          setDeleting(null);
        }}
      />
    </section>
  );
}
