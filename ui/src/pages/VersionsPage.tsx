import { useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { catalog, errorMessage, workloads } from "../api";
import type { Workload } from "../gen/gitopshq/workloads/v1/workloads_pb";
import type { Diff, FileDiff, Tree, Version } from "../gen/gitopshq/catalog/v1/catalog_pb";
import { CodeEditor, DiffView } from "../components/Monaco";
import { ErrorBanner, Progress, Snippet } from "../components/Feedback";
import { Markdown } from "../components/Markdown";
import { monaco, languageOf } from "../monaco/setup";
import { catalogTitle, formatTime, shortCommit, sourceLabels } from "../lib/format";
import { consumptionSnippets } from "../lib/snippets";
import { sidesOf, statusLabel } from "../editor/ReviewDialog";
import { useSession } from "../session";

type Tab = "files" | "compare" | "use";

/** Version history: notes, a read-only file browser of any version, diffs of files and renders, consumption snippets. */
export default function VersionsPage({ kind }: { kind: string }) {
  const { name = "" } = useParams();
  const { server } = useSession();
  const [params, setParams] = useSearchParams();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [sourceType, setSourceType] = useState("");
  const [error, setError] = useState("");
  const selected = params.get("version") ?? versions?.[0]?.version ?? "";
  const tab = (params.get("tab") as Tab) || "files";
  const set = (key: string, value: string) =>
    setParams((p) => {
      p.set(key, value);
      return p;
    });

  useEffect(() => {
    Promise.all([catalog.getArtifact({ collection: kind, name }), catalog.listVersions({ collection: kind, name, pageSize: 200 })])
      .then(([a, r]) => {
        setSourceType(a.sourceType);
        setVersions(r.versions);
      })
      .catch((e) => setError(errorMessage(e)));
  }, [kind, name]);

  const version = versions?.find((v) => v.version === selected);

  return (
    <main className="page">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>
          <Link to={`/${kind}`}>{catalogTitle(server?.collections.find((c) => c.kind === kind), kind)}</Link> / {name}: versions
        </h1>
        <span className="spacer" />
        <Link className="button" to={`/${kind}/${name}/editor`}>
          Open the editor
        </Link>
      </div>
      <ErrorBanner message={error} />
      {versions === null && !error && <Progress label="Loading versions" />}
      {versions?.length === 0 && <p>No version is published yet. Publish one from the editor, with `git push` of a tag, or with `helm push`.</p>}
      {versions && versions.length > 0 && (
        <div className="versions-layout">
          <section aria-label="Versions">
            {versions.map((v) => (
              <article key={v.version} className={`version-item ${v.version === selected ? "selected" : ""}`}>
                <h2 style={{ margin: 0 }}>
                  <button type="button" className="link" onClick={() => set("version", v.version)} aria-current={v.version === selected}>
                    {v.version}
                  </button>
                </h2>
                <div className="muted">
                  {formatTime(v.publishedAt)} by {v.publisher?.name || v.publisher?.username || "unknown"} · <span className="mono">{shortCommit(v.commit)}</span> ·{" "}
                  <span className="badge">{sourceLabels[v.source] ?? v.source}</span>
                  {v.attachments.length > 0 && <span className="badge">{v.attachments.length} attachments</span>}
                </div>
                {v.upstream && (
                  <div className="muted" aria-label={`Upstream of ${v.version}`}>
                    from {v.upstream.reference} · {v.upstream.imported ? <>imported, <span className="mono" title={v.upstream.digest}>{v.upstream.digest.slice(0, 19)}</span></> : "imported when first read"}
                    {v.upstream.upstreamChanged && (
                      <span className="badge warn" title={`upstream now serves ${v.upstream.upstreamDigest}`}>
                        upstream changed
                      </span>
                    )}
                    {v.upstream.upstreamRemoved && <span className="badge warn">upstream removed</span>}
                  </div>
                )}
                {v.notes && (
                  <div className="notes">
                    <Markdown text={v.notes} label={`Release notes of ${v.version}`} />
                  </div>
                )}
              </article>
            ))}
          </section>
          <section aria-label={`Version ${selected}`}>
            <div className="settings-nav" role="tablist">
              {(["files", "compare", "use"] as const).map((t) => (
                <a key={t} role="tab" aria-selected={tab === t} className={tab === t ? "active" : ""} href={`?version=${selected}&tab=${t}`} onClick={(e) => { e.preventDefault(); set("tab", t); }}>
                  {t === "files" ? "Files" : t === "compare" ? "Compare" : "Use"}
                </a>
              ))}
            </div>
            {version && tab === "files" && <VersionFiles kind={kind} name={name} version={version.version} sourceType={sourceType} />}
            {version && tab === "compare" && <Compare kind={kind} name={name} versions={versions} to={version.version} sourceType={sourceType} />}
            {version && tab === "use" && (
              <div>
                <UsedBy kind={kind} name={name} version={version.version} />
                {consumptionSnippets(location.origin, kind, name, version.version).map((s) => (
                  <Snippet key={s.label} label={s.label} text={s.text} />
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

function VersionFiles({ kind, name, version, sourceType }: { kind: string; name: string; version: string; sourceType: string }) {
  const [tree, setTree] = useState<Tree | null>(null);
  const [path, setPath] = useState("");
  const [error, setError] = useState("");
  const model = useMemo(() => monaco.editor.createModel("", "plaintext"), []);
  useEffect(() => () => model.dispose(), [model]);
  useEffect(() => {
    setTree(null);
    catalog
      .getTree({ collection: kind, name, ref: version })
      .then((t) => {
        setTree(t);
        setPath(t.entries.find((e) => e.path === "Chart.yaml" || e.path === "kustomization.yaml")?.path ?? t.entries[0]?.path ?? "");
      })
      .catch((e) => setError(errorMessage(e)));
  }, [kind, name, version]);
  useEffect(() => {
    if (!path) return;
    catalog
      .getFile({ collection: kind, name, path, ref: version })
      .then((f) => {
        monaco.editor.setModelLanguage(model, languageOf(path, sourceType));
        model.setValue(f.body.case === "text" ? f.body.value : `(binary file, ${f.size} bytes)`);
      })
      .catch((e) => setError(errorMessage(e)));
  }, [kind, name, version, path, model, sourceType]);
  return (
    <div style={{ display: "grid", gridTemplateColumns: "220px 1fr", gap: 8, height: "65vh" }}>
      <ul className="tree" aria-label={`Files of ${version}`} style={{ border: "1px solid var(--border)" }}>
        {tree?.entries.map((e) => (
          <li key={e.path}>
            <button type="button" className={`node ${e.path === path ? "selected" : ""}`} onClick={() => setPath(e.path)}>
              {e.path}
            </button>
          </li>
        ))}
      </ul>
      <div style={{ display: "flex", border: "1px solid var(--border)" }}>
        <ErrorBanner message={error} />
        <CodeEditor model={model} readOnly label={`${path} at ${version} (read-only)`} />
      </div>
    </div>
  );
}

function Compare({ kind, name, versions, to, sourceType }: { kind: string; name: string; versions: Version[]; to: string; sourceType: string }) {
  const older = versions.findIndex((v) => v.version === to) + 1;
  const [from, setFrom] = useState(versions[older]?.version ?? versions[0]?.version ?? "");
  const [mode, setMode] = useState<"files" | "rendered">("files");
  const [diff, setDiff] = useState<Diff | null>(null);
  const [file, setFile] = useState<FileDiff | null>(null);
  const [sides, setSides] = useState<[string, string] | null>(null);
  const [values, setValues] = useState("");
  const [rendered, setRendered] = useState<[string, string] | null>(null);
  const [busy, setBusy] = useState("");
  const [error, setError] = useState("");

  useEffect(() => {
    if (!from || mode !== "files") return;
    setDiff(null);
    setFile(null);
    setBusy("Comparing");
    catalog
      .diffRefs({ collection: kind, name, from, to })
      .then((d) => {
        setDiff(d);
        setFile(d.files[0] ?? null);
      })
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setBusy(""));
  }, [kind, name, from, to, mode]);

  useEffect(() => {
    if (!file) return setSides(null);
    setSides(null);
    sidesOf(kind, name, from, to, file).then(setSides).catch((e) => setError(errorMessage(e)));
  }, [kind, name, from, to, file]);

  async function renderBoth() {
    setBusy("Rendering both versions");
    setError("");
    setRendered(null);
    try {
      const request = (ref: string) => catalog.render({ collection: kind, name, ref, values: sourceType === "helm" && values.trim() ? [values] : [], options: {} });
      const [a, b] = await Promise.all([request(from), request(to)]);
      setRendered([a.manifests, b.manifests]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy("");
    }
  }

  const canRender = sourceType === "helm" || sourceType === "kustomize";
  return (
    <div>
      <div className="toolbar">
        <label className="inline" htmlFor="compare-from">
          Compare
          <select id="compare-from" aria-label="Compare from version" value={from} onChange={(e) => { setFrom(e.target.value); setRendered(null); }}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
        </label>
        <span>with {to}</span>
        <span role="group" aria-label="What to compare">
          <button type="button" aria-pressed={mode === "files"} onClick={() => setMode("files")}>
            Files
          </button>
          {canRender && (
            <button type="button" aria-pressed={mode === "rendered"} onClick={() => setMode("rendered")}>
              Rendered output
            </button>
          )}
        </span>
        {busy && <Progress label={busy} />}
      </div>
      <ErrorBanner message={error} />
      {mode === "files" && diff && (
        <>
          {diff.files.length === 0 && <p>The two versions have the same files.</p>}
          <ul className="diff-files" aria-label="Changed files">
            {diff.files.map((f) => (
              <li key={f.path}>
                <button type="button" aria-pressed={file?.path === f.path} className={file?.path === f.path ? "primary" : undefined} onClick={() => setFile(f)}>
                  {f.path} <span className="badge">{statusLabel[f.status]}</span>
                </button>
              </li>
            ))}
          </ul>
          {file && sides && <DiffView original={sides[0]} modified={sides[1]} language={languageOf(file.path, sourceType)} label={`${file.path}: ${from} → ${to}`} />}
        </>
      )}
      {mode === "rendered" && (
        <>
          {sourceType === "helm" && (
            <>
              <label htmlFor="compare-values">Values for both renders (YAML, optional)</label>
              <textarea id="compare-values" rows={4} style={{ width: "100%" }} value={values} onChange={(e) => setValues(e.target.value)} />
            </>
          )}
          <p>
            <button type="button" className="primary" onClick={() => void renderBoth()} disabled={!!busy}>
              Render and compare
            </button>
          </p>
          {rendered && <DiffView original={rendered[0]} modified={rendered[1]} language="yaml" label={`Rendered output: ${from} → ${to}`} />}
        </>
      )}
    </div>
  );
}

/** Workloads that run this version ("where used"). */
function UsedBy({ kind, name, version }: { kind: string; name: string; version: string }) {
  const [list, setList] = useState<Workload[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    setList(null);
    workloads.listVersionWorkloads({ collection: kind, name, version }).then((r) => setList(r.workloads)).catch((e) => setError(errorMessage(e)));
  }, [kind, name, version]);
  return (
    <section aria-label={`Workloads running ${version}`} className="card">
      <h3 style={{ marginTop: 0 }}>Where used</h3>
      <ErrorBanner message={error} />
      {list === null && !error && <Progress label="Loading" />}
      {list?.length === 0 && <p className="muted">No workload runs {version}.</p>}
      {list && list.length > 0 && (
        <ul>
          {list.map((w) => (
            <li key={w.id}>
              <Link to={`/workloads?project=${encodeURIComponent(w.project)}`}>{w.name}</Link> ({w.project} / {w.environment})
              {w.upgradeAvailable && <span className="badge accent">upgrade available: {w.latestVersion}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
