import { useEffect, useMemo, useRef, useState } from "react";
import { catalog, errorMessage } from "../api";
import type { Version } from "../gen/gitopshq/catalog/v1/catalog_pb";
import { Severity, type Diagnostic } from "../gen/gitopshq/plugins/v1/artifact_handler_pb";
import { CodeEditor } from "../components/Monaco";
import { ErrorBanner, Progress } from "../components/Feedback";
import { monaco } from "../monaco/setup";
import { renderedObjects, type RenderedObject } from "../lib/documents";

/** Renders the working copy or a version: a chart as `helm template`, a base as `kubectl kustomize`, a bundle as its stream. */
export function PreviewPanel({
  kind,
  name,
  sourceType,
  dirty,
  onClose,
  onOpen,
}: {
  kind: string;
  name: string;
  sourceType: string;
  dirty: boolean;
  onClose: () => void;
  onOpen: (file: string, line: number, column: number) => void;
}) {
  const [versions, setVersions] = useState<Version[]>([]);
  const [ref, setRef] = useState("main");
  const [releaseName, setReleaseName] = useState("release-name");
  const [namespace, setNamespace] = useState("");
  const [kubeVersion, setKubeVersion] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [diagnostics, setDiagnostics] = useState<Diagnostic[]>([]);
  const [objects, setObjects] = useState<RenderedObject[] | null>(null);
  const outputEditor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const chart = sourceType === "helm";
  const valuesModel = useMemo(() => monaco.editor.createModel("", "yaml"), []);
  const outputModel = useMemo(() => monaco.editor.createModel("", "yaml"), []);
  useEffect(() => () => {
    valuesModel.dispose();
    outputModel.dispose();
  }, [valuesModel, outputModel]);

  useEffect(() => {
    catalog.listVersions({ collection: kind, name, pageSize: 100 }).then((r) => setVersions(r.versions)).catch((e) => setError(errorMessage(e)));
  }, [kind, name]);

  useEffect(() => {
    if (!chart) return;
    catalog
      .getFile({ collection: kind, name, path: "values.yaml", ref })
      .then((f) => valuesModel.setValue(f.body.case === "text" ? f.body.value : ""))
      .catch(() => valuesModel.setValue(""));
  }, [chart, kind, name, ref, valuesModel]);

  async function render() {
    setBusy(true);
    setError("");
    setDiagnostics([]);
    try {
      const options: Record<string, string> = {};
      if (chart) {
        if (releaseName) options["release-name"] = releaseName;
        if (namespace) options["namespace"] = namespace;
        if (kubeVersion) options["kube-version"] = kubeVersion;
      }
      const result = await catalog.render({ collection: kind, name, ref, values: chart ? [valuesModel.getValue()] : [], options });
      outputModel.setValue(result.manifests);
      setObjects(renderedObjects(result.manifests));
      setDiagnostics(result.diagnostics);
      if (result.diagnostics.some((d) => d.severity !== Severity.WARNING) && !result.manifests) setError("The render failed: see the problems below.");
    } catch (e) {
      outputModel.setValue("");
      setObjects(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <aside className="side" aria-label="Preview">
      <div className="editor-bar">
        <strong>Preview</strong>
        <span className="muted">{chart ? "as helm template" : sourceType === "kustomize" ? "as kubectl kustomize" : "the manifest stream"}</span>
        <span className="spacer" />
        <button type="button" onClick={onClose} aria-label="Close preview">
          ×
        </button>
      </div>
      <div className="side-body">
        <div className="grid2">
          <div>
            <label htmlFor="preview-ref">Render</label>
            <select id="preview-ref" value={ref} onChange={(e) => setRef(e.target.value)} style={{ width: "100%" }}>
              <option value="main">Working copy (main)</option>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  Version {v.version}
                </option>
              ))}
            </select>
          </div>
          {chart && (
            <div>
              <label htmlFor="preview-release">Release name</label>
              <input id="preview-release" value={releaseName} onChange={(e) => setReleaseName(e.target.value)} style={{ width: "100%" }} />
            </div>
          )}
          {chart && (
            <div>
              <label htmlFor="preview-namespace">Namespace</label>
              <input id="preview-namespace" value={namespace} placeholder="default" onChange={(e) => setNamespace(e.target.value)} style={{ width: "100%" }} />
            </div>
          )}
          {chart && (
            <div>
              <label htmlFor="preview-kube">Kube version</label>
              <input id="preview-kube" value={kubeVersion} placeholder="v1.20.0" onChange={(e) => setKubeVersion(e.target.value)} style={{ width: "100%" }} />
            </div>
          )}
        </div>
        {chart && (
          <>
            <div className="muted">Values (starts from the chart's values.yaml)</div>
            <div style={{ height: 140, flex: "none", border: "1px solid var(--border)", display: "flex" }}>
              <CodeEditor model={valuesModel} readOnly={false} label="Sample values" />
            </div>
          </>
        )}
        <div>
          <button type="button" className="primary" onClick={() => void render()} disabled={busy}>
            Render
          </button>{" "}
          {busy && <Progress label="Rendering" />}
          {ref === "main" && dirty && <span className="warn"> Unsaved edits are not part of the render: save first.</span>}
        </div>
        <ErrorBanner message={error} />
        {diagnostics.length > 0 && (
          <ul aria-label="Render problems" style={{ margin: 0, paddingLeft: 16 }}>
            {diagnostics.map((d, i) => (
              <li key={i} className={d.severity === Severity.WARNING ? "warn" : "error"}>
                {d.file ? (
                  <button type="button" className="link" onClick={() => onOpen(d.file, d.line, d.column)}>
                    {d.file}
                    {d.line ? `:${d.line}` : ""}
                  </button>
                ) : null}{" "}
                {d.message}
              </li>
            ))}
          </ul>
        )}
        {objects && (
          <details open>
            <summary>
              {objects.length} object{objects.length === 1 ? "" : "s"}
            </summary>
            <ul aria-label="Rendered objects" style={{ margin: 0, paddingLeft: 16, maxHeight: 120, overflow: "auto" }}>
              {objects.map((o) => (
                <li key={`${o.line}`}>
                  <button
                    type="button"
                    className="link"
                    title={o.source || undefined}
                    onClick={() => {
                      outputEditor.current?.revealLineNearTop(o.line);
                      outputEditor.current?.setPosition({ lineNumber: o.line, column: 1 });
                    }}
                  >
                    {o.kind} {o.name}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
        <div className="output" style={{ display: "flex" }}>
          <CodeEditor model={outputModel} readOnly label="Rendered manifests" onReady={(e) => (outputEditor.current = e)} options={{ stickyScroll: { enabled: false } }} />
        </div>
      </div>
    </aside>
  );
}
