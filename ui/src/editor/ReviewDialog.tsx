import { useEffect, useState } from "react";
import { catalog, errorMessage } from "../api";
import { FileDiff_Status, type Diff, type FileDiff } from "../gen/gitopshq/catalog/v1/catalog_pb";
import { DiffView } from "../components/Monaco";
import { Dialog, ErrorBanner, Progress } from "../components/Feedback";
import { languageOf } from "../monaco/setup";

export const statusLabel: Record<number, string> = {
  [FileDiff_Status.ADDED]: "added",
  [FileDiff_Status.MODIFIED]: "modified",
  [FileDiff_Status.DELETED]: "deleted",
  [FileDiff_Status.RENAMED]: "renamed",
};

/** Texts of both sides of one file of a diff between two refs ("" where the file does not exist). */
export async function sidesOf(kind: string, name: string, from: string, to: string, file: FileDiff): Promise<[string, string]> {
  const read = async (ref: string, path: string) => {
    if (!ref) return "";
    const f = await catalog.getFile({ collection: kind, name, path, ref });
    return f.body.case === "text" ? f.body.value : `(binary file, ${f.size} bytes)`;
  };
  const oldPath = file.oldPath || file.path;
  return Promise.all([
    file.status === FileDiff_Status.ADDED ? "" : read(from, oldPath),
    file.status === FileDiff_Status.DELETED ? "" : read(to, file.path),
  ]);
}

/** Every pending change (main against the latest version), file by file, in Monaco's diff editor. */
export function ReviewDialog({ open, kind, name, sourceType, latest, onClose }: { open: boolean; kind: string; name: string; sourceType: string; latest: string; onClose: () => void }) {
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState("");
  const [selected, setSelected] = useState<FileDiff | null>(null);
  const [sides, setSides] = useState<[string, string] | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDiff(null);
    setSelected(null);
    setSides(null);
    setError("");
    setLoading(true);
    catalog
      .getChanges({ collection: kind, name })
      .then((d) => {
        setDiff(d);
        if (d.files[0]) setSelected(d.files[0]);
      })
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  }, [open, kind, name]);

  useEffect(() => {
    if (!selected || !diff) return;
    setSides(null);
    sidesOf(kind, name, diff.from, diff.to || "main", selected)
      .then(setSides)
      .catch((e) => setError(errorMessage(e)));
  }, [selected, diff, kind, name]);

  return (
    <Dialog open={open} title={latest ? `Changes since ${latest}` : "Changes (nothing published yet)"} wide onClose={onClose} actions={<button type="button" onClick={onClose}>Close</button>}>
      {loading && <Progress label="Loading changes" />}
      <ErrorBanner message={error} />
      {diff && diff.files.length === 0 && <p>No pending changes: main is the same as {latest || "an empty artifact"}.</p>}
      {diff && diff.files.length > 0 && (
        <>
          <ul className="diff-files" aria-label="Changed files">
            {diff.files.map((f) => (
              <li key={f.path}>
                <button type="button" aria-pressed={selected?.path === f.path} className={selected?.path === f.path ? "primary" : undefined} onClick={() => setSelected(f)}>
                  {f.status === FileDiff_Status.RENAMED ? `${f.oldPath} → ${f.path}` : f.path} <span className="badge">{statusLabel[f.status]}</span>
                  <span className="muted">+{f.additions} −{f.deletions}</span>
                </button>
              </li>
            ))}
          </ul>
          {selected && !sides && <Progress label="Loading the file" />}
          {selected && sides && <DiffView original={sides[0]} modified={sides[1]} language={languageOf(selected.path, sourceType)} label={`Changes of ${selected.path}`} />}
        </>
      )}
    </Dialog>
  );
}
