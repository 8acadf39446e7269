import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { catalog, errorMessage, workloads } from "../api";
import type { GitOpsRepository, UpgradeResult, Workload, WorkloadEvent } from "../gen/gitopshq/workloads/v1/workloads_pb";
import { Dialog, ErrorBanner, Notice, Progress, FormActions } from "../components/Feedback";
import { Markdown } from "../components/Markdown";
import { catalogTitle, formatTime, shortCommit } from "../lib/format";
import { useSession } from "../session";

/** Workloads per project and environment: which exact version runs where, and upgrades through a reviewed, rendered diff. */
export default function WorkloadsPage() {
  const { canEdit } = useSession();
  const [params, setParams] = useSearchParams();
  const project = params.get("project") ?? "";
  const environment = params.get("environment") ?? "";
  const [all, setAll] = useState<Workload[] | null>(null);
  const [repos, setRepos] = useState<GitOpsRepository[]>([]);
  const [error, setError] = useState("");
  const [creating, setCreating] = useState(false);
  const [upgrading, setUpgrading] = useState<Workload | null>(null);
  const [history, setHistory] = useState<Workload | null>(null);
  const load = useCallback(() => {
    workloads.listWorkloads({}).then((r) => setAll(r.workloads)).catch((e) => setError(errorMessage(e)));
    workloads.listGitOpsRepositories({}).then((r) => setRepos(r.repositories)).catch((e) => setError(errorMessage(e)));
  }, []);
  useEffect(() => load(), [load]);

  const projects = useMemo(() => [...new Set((all ?? []).map((w) => w.project))].sort(), [all]);
  const environments = useMemo(() => [...new Set((all ?? []).map((w) => w.environment))].sort(), [all]);
  const shown = (all ?? []).filter((w) => (!project || w.project === project) && (!environment || w.environment === environment));
  const groups = useMemo(() => {
    const map = new Map<string, Workload[]>();
    for (const w of shown) map.set(`${w.project} / ${w.environment}`, [...(map.get(`${w.project} / ${w.environment}`) ?? []), w]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [shown]);
  const setFilter = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });

  return (
    <main className="page">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>Workloads</h1>
        <span className="spacer" />
        {canEdit && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New workload
          </button>
        )}
      </div>
      <div className="toolbar">
        <label className="inline" htmlFor="filter-project">
          Project
          <select id="filter-project" value={project} onChange={(e) => setFilter("project", e.target.value)}>
            <option value="">All</option>
            {projects.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label className="inline" htmlFor="filter-environment">
          Environment
          <select id="filter-environment" value={environment} onChange={(e) => setFilter("environment", e.target.value)}>
            <option value="">All</option>
            {environments.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBanner message={error} />
      {all === null && !error && <Progress label="Loading workloads" />}
      {all?.length === 0 && (
        <section className="empty" aria-label="Getting started">
          <h2>No workloads yet</h2>
          <p>
            A workload records which version of which artifact a project runs and where its desired state lives in Git. Create a GitOps
            repository below (or use an external Git repository), then a workload; upgrades show the rendered diff before they commit.
          </p>
        </section>
      )}
      {groups.map(([group, items]) => (
        <section key={group} aria-label={group}>
          <h2>{group}</h2>
          <table className="list">
            <thead>
              <tr>
                <th scope="col">Workload</th>
                <th scope="col">Artifact</th>
                <th scope="col">Version</th>
                <th scope="col">Target</th>
                <th scope="col">Format</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.id}>
                  <td>{w.name}</td>
                  <td>
                    <Link to={`/${w.artifact?.kind}/${w.artifact?.name}/versions`}>
                      {w.artifact?.kind}/{w.artifact?.name}
                    </Link>
                  </td>
                  <td>
                    {w.version}{" "}
                    {w.upgradeAvailable && (
                      <span className="badge accent" title={`latest: ${w.latestVersion}`}>
                        upgrade available: {w.latestVersion}
                      </span>
                    )}
                  </td>
                  <td className="mono" title={w.commit ? `last commit ${w.commit}` : undefined}>
                    {w.target?.repository} {w.target?.branch}:{w.target?.path}
                  </td>
                  <td>{w.format}</td>
                  <td>
                    <button type="button" onClick={() => setUpgrading(w)} aria-label={`Upgrade ${w.name}`}>
                      Upgrade
                    </button>{" "}
                    <button type="button" onClick={() => setHistory(w)} aria-label={`History of ${w.name}`}>
                      History
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <GitOpsRepositories repos={repos} canEdit={canEdit} onChanged={load} />
      <NewWorkloadDialog open={creating} repos={repos} onClose={() => setCreating(false)} onCreated={load} />
      <UpgradeDialog workload={upgrading} canEdit={canEdit} onClose={() => setUpgrading(null)} onUpgraded={load} />
      <HistoryDialog workload={history} onClose={() => setHistory(null)} />
    </main>
  );
}

function GitOpsRepositories({ repos, canEdit, onChanged }: { repos: GitOpsRepository[]; canEdit: boolean; onChanged: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState("");
  async function create(e: FormEvent) {
    e.preventDefault();
    setError("");
    try {
      await workloads.createGitOpsRepository({ name: name.trim() });
      setName("");
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <section className="card" aria-label="GitOps repositories" style={{ marginTop: 24 }}>
      <h2>GitOps repositories</h2>
      <p className="muted">Repositories on this server for desired state (ordinary branches; clone them with your token).</p>
      <ul>
        {repos.map((r) => (
          <li key={r.name}>
            <strong>{r.name}</strong> <code>{r.url}</code>
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="toolbar" onSubmit={create}>
          <label className="inline" htmlFor="gitops-name">
            New repository <input id="gitops-name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit">Create</button>
        </form>
      )}
      <ErrorBanner message={error} />
    </section>
  );
}

function NewWorkloadDialog({ open, repos, onClose, onCreated }: { open: boolean; repos: GitOpsRepository[]; onClose: () => void; onCreated: () => void }) {
  const { server } = useSession();
  const blank = { name: "", project: "", environment: "", kind: "charts", artifact: "", version: "", values: "", releaseName: "", namespace: "", repository: "", branch: "main", path: "", format: "manifests" };
  const [form, setForm] = useState(blank);
  const [artifacts, setArtifacts] = useState<string[]>([]);
  const [versions, setVersions] = useState<string[]>([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setForm({ ...blank, repository: repos[0]?.url ?? "" });
      setError("");
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  useEffect(() => {
    if (!open) return;
    catalog.listArtifacts({ collection: form.kind, pageSize: 200 }).then((r) => setArtifacts(r.artifacts.filter((a) => a.latestVersion).map((a) => a.name))).catch(() => setArtifacts([]));
  }, [open, form.kind]);
  useEffect(() => {
    if (!form.artifact) return setVersions([]);
    catalog
      .listVersions({ collection: form.kind, name: form.artifact, pageSize: 200 })
      .then((r) => {
        setVersions(r.versions.map((v) => v.version));
        setForm((f) => ({ ...f, version: r.versions[0]?.version ?? "" }));
      })
      .catch(() => setVersions([]));
  }, [form.kind, form.artifact]);
  const set = (key: keyof typeof blank) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError("");
    setBusy(true);
    try {
      await workloads.createWorkload({
        name: form.name,
        project: form.project,
        environment: form.environment,
        artifact: { kind: form.kind, name: form.artifact },
        version: form.version,
        values: form.values,
        releaseName: form.releaseName,
        namespace: form.namespace,
        target: { repository: form.repository, branch: form.branch, path: form.path },
        format: form.format,
      });
      onCreated();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  const field = (id: keyof typeof blank, label: string, extra: Record<string, unknown> = {}) => (
    <div>
      <label htmlFor={`wl-${id}`}>{label}</label>
      <input id={`wl-${id}`} value={form[id]} onChange={set(id)} style={{ width: "100%" }} {...extra} />
    </div>
  );
  return (
    <Dialog open={open} title="New workload" wide onClose={onClose}>
      <form onSubmit={submit}>
        <div className="grid2">
          {field("name", "Name")}
          {field("project", "Project")}
          {field("environment", "Environment")}
          <div>
            <label htmlFor="wl-kind">Artifact kind</label>
            <select id="wl-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value, artifact: "", version: "" })}>
              {server?.collections.map((c) => (
                <option key={c.kind} value={c.kind}>
                  {catalogTitle(c)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="wl-artifact">Artifact</label>
            <select id="wl-artifact" value={form.artifact} onChange={set("artifact")} style={{ width: "100%" }}>
              <option value="">Choose a published artifact</option>
              {artifacts.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="wl-version">Version</label>
            <select id="wl-version" value={form.version} onChange={set("version")} style={{ width: "100%" }}>
              {versions.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
          {form.kind === "charts" && field("releaseName", "Release name")}
          {field("namespace", "Namespace")}
          <div>
            <label htmlFor="wl-repository">Target repository</label>
            <input id="wl-repository" list="wl-repos" value={form.repository} onChange={set("repository")} style={{ width: "100%" }} />
            <datalist id="wl-repos">
              {repos.map((r) => (
                <option key={r.name} value={r.url} />
              ))}
            </datalist>
          </div>
          {field("branch", "Branch")}
          {field("path", "Path", { placeholder: "apps/web" })}
          <div>
            <label htmlFor="wl-format">Format</label>
            <select id="wl-format" value={form.format} onChange={set("format")}>
              <option value="manifests">Rendered manifests</option>
              <option value="flux">Flux (OCIRepository + HelmRelease / Kustomization)</option>
              <option value="argocd">Argo CD Application</option>
            </select>
          </div>
        </div>
        {form.kind === "charts" && (
          <>
            <label htmlFor="wl-values">Values (YAML)</label>
            <textarea id="wl-values" rows={5} style={{ width: "100%" }} value={form.values} onChange={set("values")} />
          </>
        )}
        <ErrorBanner message={error} />
        <FormActions submitLabel={busy ? "Creating…" : "Create and commit"} onCancel={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}

function UpgradeDialog({ workload, canEdit, onClose, onUpgraded }: { workload: Workload | null; canEdit: boolean; onClose: () => void; onUpgraded: () => void }) {
  const [versions, setVersions] = useState<string[]>([]);
  const [target, setTarget] = useState("");
  const [allowMajor, setAllowMajor] = useState(false);
  const [allowDowngrade, setAllowDowngrade] = useState(false);
  const [message, setMessage] = useState("");
  const [preview, setPreview] = useState<UpgradeResult | null>(null);
  const [applied, setApplied] = useState<UpgradeResult | null>(null);
  const [busy, setBusy] = useState("");
  const [error, setError] = useState("");
  useEffect(() => {
    if (!workload) return;
    setPreview(null);
    setApplied(null);
    setError("");
    setMessage("");
    setAllowMajor(false);
    setAllowDowngrade(false);
    catalog
      .listVersions({ collection: workload.artifact?.kind ?? "", name: workload.artifact?.name ?? "", pageSize: 200 })
      .then((r) => {
        setVersions(r.versions.map((v) => v.version));
        setTarget(workload.latestVersion || r.versions[0]?.version || "");
      })
      .catch((e) => setError(errorMessage(e)));
  }, [workload]);
  async function run(dryRun: boolean) {
    if (!workload) return;
    setError("");
    setBusy(dryRun ? "Rendering both versions" : "Committing the upgrade");
    try {
      const r = await workloads.upgradeWorkload({ id: workload.id, targetVersion: target, dryRun, allowMajor, allowDowngrade, message });
      if (dryRun) setPreview(r);
      else {
        setApplied(r);
        onUpgraded();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy("");
    }
  }
  const result = applied ?? preview;
  return (
    <Dialog open={workload !== null} title={`Upgrade ${workload?.name ?? ""}`} wide onClose={onClose} actions={<button type="button" onClick={onClose}>Close</button>}>
      <div className="toolbar">
        <span>
          {workload?.artifact?.kind}/{workload?.artifact?.name} {workload?.version} →
        </span>
        <label className="sr-only" htmlFor="upgrade-target">
          Target version
        </label>
        <select id="upgrade-target" value={target} onChange={(e) => { setTarget(e.target.value); setPreview(null); }}>
          {versions.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
        <label className="inline">
          <input type="checkbox" checked={allowMajor} onChange={(e) => setAllowMajor(e.target.checked)} /> Allow a major version
        </label>
        <label className="inline">
          <input type="checkbox" checked={allowDowngrade} onChange={(e) => setAllowDowngrade(e.target.checked)} /> Allow a downgrade
        </label>
        <button type="button" onClick={() => void run(true)} disabled={!!busy}>
          Preview upgrade
        </button>
      </div>
      {busy && <Progress label={busy} />}
      <ErrorBanner message={error} />
      {applied && (
        <Notice>
          {applied.unchanged ? "Nothing to change: the workload already runs this version." : `Upgraded to ${applied.toVersion} in commit ${shortCommit(applied.commit)}.`}
        </Notice>
      )}
      {result && (
        <section aria-label="Upgrade preview">
          <h3>
            {result.fromVersion} → {result.toVersion}: {result.diff.length} object{result.diff.length === 1 ? "" : "s"} change
          </h3>
          {result.valuesCheck && result.valuesCheck.applicable && (
            <div className={result.valuesCheck.valid ? "ok" : "error"}>
              Values check: {result.valuesCheck.valid ? "the values satisfy the target's schema" : result.valuesCheck.violations.join("; ")}
              {result.valuesCheck.unreadKeys.length > 0 && <div className="warn">Keys the target no longer reads: {result.valuesCheck.unreadKeys.join(", ")}</div>}
            </div>
          )}
          {result.releaseNotes.length > 0 && (
            <details open>
              <summary>Release notes</summary>
              {result.releaseNotes.map((n) => (
                <div key={n.version} className="notes">
                  <strong>{n.version}</strong> <span className="muted">{formatTime(n.publishedAt)}</span>
                  <Markdown text={n.notes || "_No notes._"} />
                </div>
              ))}
            </details>
          )}
          <ul aria-label="Changed objects" style={{ listStyle: "none", padding: 0 }}>
            {result.diff.map((d) => (
              <li key={d.object}>
                <details>
                  <summary>
                    <span className="badge">{d.change}</span> {d.kind} {d.namespace ? `${d.namespace}/` : ""}
                    {d.name}
                  </summary>
                  <pre className="mono" style={{ maxHeight: 300, overflow: "auto" }}>
                    {d.patch.split("\n").map((line, i) => (
                      <div key={i} className={line.startsWith("+") ? "ok" : line.startsWith("-") ? "error" : undefined}>
                        {line}
                      </div>
                    ))}
                  </pre>
                </details>
              </li>
            ))}
          </ul>
          {canEdit && preview && !applied && (
            <div className="toolbar">
              <label className="inline" htmlFor="upgrade-message">
                Commit message <input id="upgrade-message" value={message} onChange={(e) => setMessage(e.target.value)} placeholder="optional" />
              </label>
              <button type="button" className="primary" onClick={() => void run(false)} disabled={!!busy}>
                Apply upgrade
              </button>
            </div>
          )}
        </section>
      )}
    </Dialog>
  );
}

function HistoryDialog({ workload, onClose }: { workload: Workload | null; onClose: () => void }) {
  const [events, setEvents] = useState<WorkloadEvent[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    if (!workload) return;
    setEvents(null);
    workloads.listWorkloadHistory({ id: workload.id }).then((r) => setEvents(r.events)).catch((e) => setError(errorMessage(e)));
  }, [workload]);
  return (
    <Dialog open={workload !== null} title={`History of ${workload?.name ?? ""}`} onClose={onClose} actions={<button type="button" onClick={onClose}>Close</button>}>
      <ErrorBanner message={error} />
      {events === null ? (
        <Progress label="Loading" />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Commit</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={i}>
                <td>{formatTime(e.at)}</td>
                <td>{e.username}</td>
                <td>
                  {e.action} {e.fromVersion && `${e.fromVersion} → `}
                  {e.toVersion}
                </td>
                <td className="mono">{shortCommit(e.commit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
