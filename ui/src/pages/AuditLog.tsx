import { useEffect, useState, type FormEvent } from "react";
import { audit, errorMessage } from "../api";
import { toJsonString } from "@bufbuild/protobuf";
import { AuditRecordSchema, type AuditRecord } from "../gen/gitopshq/audit/v1/audit_pb";
import { ErrorBanner, Progress } from "../components/Feedback";
import { formatTime } from "../lib/format";

/** The organisation's audit trail (admins): who changed what, when, from where and through which door. */
export function AuditLog() {
  const [filters, setFilters] = useState({ actor: "", artifact: "", action: "" });
  const [applied, setApplied] = useState(filters);
  const [pages, setPages] = useState<string[]>([""]);
  const [records, setRecords] = useState<AuditRecord[] | null>(null);
  const [next, setNext] = useState("");
  const [error, setError] = useState("");
  const pageToken = pages[pages.length - 1] ?? "";
  useEffect(() => {
    setRecords(null);
    audit
      .listAuditRecords({ ...applied, pageSize: 50, pageToken })
      .then((r) => {
        setRecords(r.records);
        setNext(r.nextPageToken);
        setError("");
      })
      .catch((e) => setError(errorMessage(e)));
  }, [applied, pageToken]);
  function submit(e: FormEvent) {
    e.preventDefault();
    setPages([""]);
    setApplied(filters);
  }
  const [exporting, setExporting] = useState(false);
  /** The filtered trail as JSON lines (the same lines as GET /api/v2/org/audit.jsonl), read page by page. */
  async function exportLines() {
    setExporting(true);
    try {
      const lines: string[] = [];
      let token = "";
      do {
        const r = await audit.listAuditRecords({ ...applied, pageSize: 500, pageToken: token });
        for (const record of r.records) lines.push(toJsonString(AuditRecordSchema, record));
        token = r.nextPageToken;
      } while (token);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([lines.join("\n") + (lines.length ? "\n" : "")], { type: "application/jsonl" }));
      link.download = "audit.jsonl";
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }
  return (
    <section aria-label="Audit log">
      <form className="toolbar" onSubmit={submit}>
        {(["actor", "artifact", "action"] as const).map((key) => (
          <label key={key} className="inline" htmlFor={`audit-${key}`}>
            {key === "actor" ? "Actor" : key === "artifact" ? "Artifact (kind/name)" : "Action"}
            <input id={`audit-${key}`} value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })} />
          </label>
        ))}
        <button type="submit">Filter</button>
        <span className="spacer" />
        <button type="button" onClick={() => void exportLines()} disabled={exporting}>
          {exporting ? "Exporting…" : "Export JSON lines"}
        </button>
      </form>
      <ErrorBanner message={error} />
      {records === null && !error && <Progress label="Loading the audit log" />}
      {records && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={String(r.id)}>
                <td>{formatTime(r.at)}</td>
                <td>{r.actor || <span className="muted">anonymous</span>}</td>
                <td>
                  <span className="badge">{r.action}</span>
                </td>
                <td className="mono" title={r.details || undefined}>
                  {[r.targetKind, r.targetName].filter(Boolean).join("/")}
                  {r.targetVersion ? ` ${r.targetVersion}` : ""}
                </td>
                <td className="muted">
                  {r.door}
                  {r.address ? ` · ${r.address}` : ""}
                  {r.credential ? ` · ${r.credential}` : ""}
                </td>
              </tr>
            ))}
            {records.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No record matches.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Audit pages">
        <button type="button" disabled={pages.length === 1} onClick={() => setPages((p) => p.slice(0, -1))}>
          Newer
        </button>
        <button type="button" disabled={!next} onClick={() => setPages((p) => [...p, next])}>
          Older
        </button>
      </nav>
    </section>
  );
}
