import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { catalog, errorMessage } from "../api";
import type { Artifact } from "../gen/gitopshq/catalog/v1/catalog_pb";
import { Dialog, ErrorBanner, Progress, FormActions } from "../components/Feedback";
import { useSession } from "../session";
import { catalogTitle, formatTime, relativeTime } from "../lib/format";
import { nameProblem, nameRule } from "../lib/names";

const pageSize = 50;
const sorts: Record<string, string> = { name: "Name", "-updated": "Recently updated", "-latest_version": "Latest version" };

/** One catalog: search as you type, sort, server-side paging, and "New". */
export function CatalogPage({ kind }: { kind: string }) {
  const { server, canEdit } = useSession();
  const collection = server?.collections.find((c) => c.kind === kind);
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const orderBy = params.get("sort") ?? "name";
  const [typed, setTyped] = useState(search);
  const [pageTokens, setPageTokens] = useState<string[]>([""]);
  const [artifacts, setArtifacts] = useState<Artifact[] | null>(null);
  const [nextToken, setNextToken] = useState("");
  const [total, setTotal] = useState(0);
  const [error, setError] = useState("");
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const request = useRef(0);
  const pageToken = pageTokens[pageTokens.length - 1] ?? "";

  useEffect(() => setTyped(search), [search]);
  useEffect(() => {
    const handle = setTimeout(() => {
      if (typed !== search) {
        setPageTokens([""]);
        setParams((p) => {
          if (typed) p.set("q", typed);
          else p.delete("q");
          return p;
        }, { replace: true });
      }
    }, 200);
    return () => clearTimeout(handle);
  }, [typed, search, setParams]);
  useEffect(() => setPageTokens([""]), [kind, orderBy]);

  useEffect(() => {
    const id = ++request.current;
    setLoading(true);
    catalog
      .listArtifacts({ collection: kind, search, pageSize, pageToken, orderBy })
      .then((r) => {
        if (id !== request.current) return;
        setArtifacts(r.artifacts);
        setNextToken(r.nextPageToken);
        setTotal(r.totalSize);
        setError("");
      })
      .catch((e) => id === request.current && setError(errorMessage(e)))
      .finally(() => id === request.current && setLoading(false));
  }, [kind, search, pageToken, orderBy]);

  const title = catalogTitle(collection, kind);
  const page = pageTokens.length;
  const empty = artifacts !== null && artifacts.length === 0 && !search && page === 1;

  return (
    <main className="page">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>{title}</h1>
        <span className="spacer" />
        {canEdit && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New
          </button>
        )}
      </div>
      <div className="toolbar">
        <label className="sr-only" htmlFor="catalog-search">
          Search {title}
        </label>
        <input id="catalog-search" type="search" placeholder={`Search ${title.toLowerCase()}…`} value={typed} onChange={(e) => setTyped(e.target.value)} />
        <label className="inline" htmlFor="catalog-sort">
          Sort
          <select
            id="catalog-sort"
            value={orderBy}
            onChange={(e) =>
              setParams((p) => {
                p.set("sort", e.target.value);
                return p;
              })
            }
          >
            {Object.entries(sorts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {loading && <Progress label="Loading" />}
        <span className="spacer" />
        {artifacts !== null && <span className="muted">{total} in all</span>}
      </div>
      <ErrorBanner message={error} />
      {empty ? (
        <EmptyCatalog kind={kind} title={title} canEdit={canEdit} onNew={() => setCreating(true)} />
      ) : (
        artifacts !== null && (
          <>
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Source</th>
                  <th scope="col">Latest version</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {artifacts.map((a) => (
                  <tr key={a.name}>
                    <td>
                      <Link to={`/${kind}/${a.name}/editor`}>{a.name}</Link>
                    </td>
                    <td>
                      <span className="badge">{a.sourceType}</span>
                      {a.upstream && (
                        <span className="badge accent" title={a.upstream.reference}>
                          {a.upstream.type === "oci" ? "OCI registry" : "chart URL"}
                        </span>
                      )}
                    </td>
                    <td>{a.latestVersion ? <Link to={`/${kind}/${a.name}/versions`}>{a.latestVersion}</Link> : <span className="muted">unpublished</span>}</td>
                    <td title={formatTime(a.updatedAt)}>{relativeTime(a.updatedAt)}</td>
                    <td>{a.description}</td>
                  </tr>
                ))}
                {artifacts.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      Nothing matches “{search}”.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            <nav className="pager" aria-label="Pages">
              <button type="button" disabled={page === 1} onClick={() => setPageTokens((t) => t.slice(0, -1))}>
                Previous
              </button>
              <span className="muted">Page {page} of {Math.max(1, Math.ceil(total / pageSize))}</span>
              <button type="button" disabled={!nextToken} onClick={() => setPageTokens((t) => [...t, nextToken])}>
                Next
              </button>
            </nav>
          </>
        )
      )}
      <NewArtifactDialog open={creating} kind={kind} title={title} onClose={() => setCreating(false)} />
    </main>
  );
}

function EmptyCatalog({ kind, title, canEdit, onNew }: { kind: string; title: string; canEdit: boolean; onNew: () => void }) {
  const origin = location.origin;
  const host = location.host;
  return (
    <section className="empty" aria-label="Getting started">
      <h2>No {title.toLowerCase()} yet</h2>
      <p>Start one of three ways:</p>
      <ol>
        <li>
          In the browser: {canEdit ? (
            <button type="button" className="link" onClick={onNew}>
              create one
            </button>
          ) : (
            "an editor can create one"
          )}{" "}
          from the scaffold, edit it, and publish a version.
        </li>
        <li>
          With Git: push a repository (a registry token or your access token as the password).
          <pre>{`git push ${origin}/git/${kind}/NAME.git main`}</pre>
        </li>
        {kind === "charts" && (
          <li>
            With Helm: push a packaged chart.
            <pre>{`helm registry login ${host} --username $USER --password $TOKEN\nhelm push NAME-1.0.0.tgz oci://${host}/charts`}</pre>
          </li>
        )}
      </ol>
    </section>
  );
}

function NewArtifactDialog({ open, kind, title, onClose }: { open: boolean; kind: string; title: string; onClose: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [scaffold, setScaffold] = useState(true);
  const [origin, setOrigin] = useState<"authored" | "oci" | "repository" | "archive">("authored");
  const [reference, setReference] = useState("");
  const [chartName, setChartName] = useState("");
  const [mirror, setMirror] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const problem = useMemo(() => nameProblem(name), [name]);

  useEffect(() => {
    if (open) {
      setName("");
      setDescription("");
      setScaffold(true);
      setOrigin("authored");
      setReference("");
      setChartName("");
      setMirror(false);
      setError("");
      setTouched(false);
    }
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    if (origin !== "authored" && !reference.trim()) return setError(origin === "oci" ? "Enter the OCI repository, e.g. oci://registry.example.com/charts/redis." : "Enter the URL.");
    setBusy(true);
    setError("");
    try {
      const source =
        origin === "oci"
          ? { source: { case: "oci" as const, value: { repository: reference.trim() } }, mirror }
          : origin === "repository"
            ? { source: { case: "url" as const, value: { repository: reference.trim(), chart: chartName.trim() || name, archive: "" } }, mirror }
            : origin === "archive"
              ? { source: { case: "url" as const, value: { repository: "", chart: "", archive: reference.trim() } }, mirror }
              : undefined;
      await catalog.createArtifact({ collection: kind, name, description, scaffold: origin === "authored" && scaffold, source, mirror });
      onClose();
      navigate(`/${kind}/${name}/editor`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title={`New in ${title}`} onClose={onClose}>
      <form onSubmit={submit}>
        <label htmlFor="new-name">Name</label>
        <input
          id="new-name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
          }}
          aria-invalid={touched && !!problem}
          aria-describedby="new-name-rule"
          autoFocus
          style={{ width: "100%" }}
        />
        <div id="new-name-rule" className={`field-hint ${touched && problem ? "error" : ""}`}>
          {touched && problem ? problem : nameRule}
        </div>
        <label htmlFor="new-description">Description</label>
        <input id="new-description" value={description} onChange={(e) => setDescription(e.target.value)} style={{ width: "100%" }} />
        {kind === "charts" && (
          <>
            <label htmlFor="new-origin">Source</label>
            <select id="new-origin" value={origin} onChange={(e) => setOrigin(e.target.value as typeof origin)}>
              <option value="authored">Authored here</option>
              <option value="oci">An OCI registry</option>
              <option value="repository">A chart repository (index.yaml)</option>
              <option value="archive">A chart archive URL</option>
            </select>
            {origin !== "authored" && (
              <>
                <label htmlFor="new-reference">{origin === "oci" ? "OCI repository" : origin === "repository" ? "Repository URL" : "Archive URL"}</label>
                <input
                  id="new-reference"
                  value={reference}
                  onChange={(e) => setReference(e.target.value)}
                  placeholder={origin === "oci" ? "oci://registry.example.com/charts/redis" : origin === "repository" ? "https://charts.example.com" : "https://example.com/redis-17.3.0.tgz"}
                  style={{ width: "100%" }}
                />
                {origin === "repository" && (
                  <>
                    <label htmlFor="new-chart">Chart in the repository</label>
                    <input id="new-chart" value={chartName} placeholder={name || "the name above"} onChange={(e) => setChartName(e.target.value)} style={{ width: "100%" }} />
                  </>
                )}
                <p>
                  <label className="inline">
                    <input type="checkbox" checked={mirror} onChange={(e) => setMirror(e.target.checked)} />
                    Import every version now (otherwise each is imported when first read)
                  </label>
                </p>
                <p className="muted">The chart is read-only here: its versions come from the source, synced every hour and on demand.</p>
              </>
            )}
          </>
        )}
        <fieldset style={{ border: "none", padding: 0, margin: "12px 0 0", display: origin === "authored" ? undefined : "none" }}>
          <legend style={{ fontWeight: 600 }}>Start from</legend>
          <label className="inline">
            <input type="radio" name="start" checked={scaffold} onChange={() => setScaffold(true)} /> The scaffold
          </label>{" "}
          <label className="inline">
            <input type="radio" name="start" checked={!scaffold} onChange={() => setScaffold(false)} /> Empty
          </label>
        </fieldset>
        <ErrorBanner message={error} />
        <FormActions submitLabel="Create" onCancel={onClose} busy={busy || (touched && !!problem)} />
      </form>
    </Dialog>
  );
}
