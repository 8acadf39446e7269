import { useEffect, useMemo, useState } from "react";
import { catalog, errorMessage } from "../api";
import { Severity, type Diagnostic } from "../gen/gitopshq/plugins/v1/artifact_handler_pb";
import { Dialog, ErrorBanner, Progress } from "../components/Feedback";
import { Markdown } from "../components/Markdown";
import { writeChange } from "./fileChanges";
import { chartVersion, isVersion, suggestVersions, withChartVersion } from "../lib/versions";

/** Publishes the head of main as an immutable version: version suggestions, Chart.yaml kept in step, release notes. */
export function PublishDialog({
  open,
  kind,
  name,
  baseCommit,
  onClose,
  onCommitted,
  onPublished,
  onDiagnostics,
}: {
  open: boolean;
  kind: string;
  name: string;
  baseCommit: string;
  onClose: () => void;
  onCommitted: (commit: string) => void;
  onPublished: (version: string) => void;
  onDiagnostics: (d: Diagnostic[]) => void;
}) {
  const [published, setPublished] = useState<string[]>([]);
  const [chartYaml, setChartYaml] = useState<string | null>(null);
  const [version, setVersion] = useState("");
  const [notes, setNotes] = useState("");
  const [previewNotes, setPreviewNotes] = useState(false);
  const [bumpChart, setBumpChart] = useState(true);
  const [error, setError] = useState("");
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  const [step, setStep] = useState("");
  const chart = kind === "charts";
  const own = chartYaml !== null ? chartVersion(chartYaml) : null;
  const suggestions = useMemo(() => suggestVersions(published, own ?? undefined), [published, own]);

  useEffect(() => {
    if (!open) return;
    setError("");
    setProblems([]);
    setNotes("");
    setPreviewNotes(false);
    setStep("Loading");
    const versions = catalog.listVersions({ collection: kind, name, pageSize: 200 }).then((r) => r.versions.map((v) => v.version));
    const chartFile = chart ? catalog.getFile({ collection: kind, name, path: "Chart.yaml", ref: "main" }).then((f) => (f.body.case === "text" ? f.body.value : null)).catch(() => null) : Promise.resolve(null);
    Promise.all([versions, chartFile])
      .then(([v, c]) => {
        setPublished(v);
        setChartYaml(c);
        const inChart = (c && chartVersion(c)) || undefined;
        setVersion(inChart && isVersion(inChart) && !v.includes(inChart) ? inChart : suggestVersions(v, inChart).patch);
      })
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setStep(""));
  }, [open, kind, name, chart]);

  const versionProblem = !version ? "Enter a version." : !isVersion(version) ? "Use a SemVer 2.0 version such as 1.2.0 or 2.0.0-rc.1." : published.includes(version) ? `Version ${version} already exists: versions are immutable.` : "";
  const chartOutOfStep = chart && chartYaml !== null && own !== version;

  async function publish() {
    setError("");
    setProblems([]);
    if (versionProblem && !published.includes(version)) return setError(versionProblem);
    try {
      let commit = "";
      if (chartOutOfStep && bumpChart && chartYaml !== null) {
        setStep("Setting Chart.yaml's version");
        const result = await catalog.commitChanges({
          collection: kind,
          name,
          baseCommit,
          message: `Set the chart's version to ${version}`,
          changes: [writeChange("Chart.yaml", withChartVersion(chartYaml, version))],
        });
        commit = result.commit;
        onCommitted(commit);
      }
      setStep("Validating");
      const validation = await catalog.validate({ collection: kind, name, ref: commit || "main" });
      onDiagnostics(validation.diagnostics);
      if (!validation.valid) {
        setProblems(validation.diagnostics.filter((d) => d.severity !== Severity.WARNING));
        setError("Validation failed: fix these problems, save, and publish again.");
        return;
      }
      setStep("Publishing");
      const published = await catalog.publishVersion({ collection: kind, name, version, notes, commit });
      onPublished(published.version);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setStep("");
    }
  }

  return (
    <Dialog
      open={open}
      title={`Publish ${name}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void publish()} disabled={!!step}>
            Publish {version}
          </button>
        </>
      }
    >
      <form onSubmit={(e) => { e.preventDefault(); void publish(); }}>
        <label htmlFor="publish-version">Version</label>
        <input id="publish-version" value={version} onChange={(e) => setVersion(e.target.value.trim())} aria-invalid={!!versionProblem} aria-describedby="publish-version-hint" />{" "}
        <span role="group" aria-label="Suggested versions">
          {(["patch", "minor", "major"] as const).map((level) => (
            <button key={level} type="button" onClick={() => setVersion(suggestions[level])} title={`Next ${level}`}>
              {level} {suggestions[level]}
            </button>
          ))}
        </span>
        <div id="publish-version-hint" className={`field-hint ${versionProblem ? "error" : ""}`}>
          {versionProblem || (published.length ? `Latest published: ${published[0]}` : "Nothing published yet.")}
        </div>
        {chartOutOfStep && (
          <p>
            <label className="inline">
              <input type="checkbox" checked={bumpChart} onChange={(e) => setBumpChart(e.target.checked)} />
              Chart.yaml says version {own ?? "(none)"}: set it to {version} in a commit before publishing
            </label>
          </p>
        )}
        <label htmlFor="publish-notes">Release notes (Markdown)</label>
        {previewNotes ? (
          <div className="card">
            <Markdown text={notes || "_No release notes._"} label="Release notes preview" />
          </div>
        ) : (
          <textarea id="publish-notes" rows={6} style={{ width: "100%" }} value={notes} onChange={(e) => setNotes(e.target.value)} />
        )}
        <button type="button" className="link" onClick={() => setPreviewNotes(!previewNotes)}>
          {previewNotes ? "Edit notes" : "Preview notes"}
        </button>
        {step && (
          <p>
            <Progress label={step} />
          </p>
        )}
        <ErrorBanner message={error} />
        {problems.length > 0 && (
          <ul aria-label="Validation problems">
            {problems.map((p, i) => (
              <li key={i} className="error">
                {p.file}
                {p.line ? `:${p.line}` : ""} {p.message}
              </li>
            ))}
          </ul>
        )}
      </form>
    </Dialog>
  );
}
