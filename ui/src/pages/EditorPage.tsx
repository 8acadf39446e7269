import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { Code, catalog, errorMessage, isCode, sources } from "../api";
import { formatTime } from "../lib/format";
import type { Artifact, Diff, FileChange } from "../gen/gitopshq/catalog/v1/catalog_pb";
import { Severity, type Diagnostic } from "../gen/gitopshq/plugins/v1/artifact_handler_pb";
import { CodeEditor } from "../components/Monaco";
import { Confirm, Dialog, ErrorBanner, Notice, Progress } from "../components/Feedback";
import { monaco, languageOf, setValuesSource } from "../monaco/setup";
import { useSession } from "../session";
import { defaultCommitMessage, filesUnder, type PendingChange } from "../lib/changes";
import { isCheckedYaml, yamlProblems } from "../lib/yamlCheck";
import { isKustomization, isResourceFile, kustomizationEdits, type ResourceChange } from "../lib/kustomization";
import { FileTree } from "../editor/FileTree";
import { PreviewPanel } from "../editor/PreviewPanel";
import { ReviewDialog } from "../editor/ReviewDialog";
import { PublishDialog } from "../editor/PublishDialog";
import { deleteChange, renameChange, writeChange } from "../editor/fileChanges";

interface Buffer {
  path: string;
  model: monaco.editor.ITextModel;
  /** The text at the base commit; "" for a new file. */
  original: string;
  isNew: boolean;
}

export interface Problem {
  source: "yaml" | "validation";
  severity: "error" | "warning";
  file: string;
  line: number;
  column: number;
  message: string;
}

type SidePanel = "" | "preview";

/** The editor of one artifact's working copy (branch main): files, tabs, checks, save, preview, review, publish. */
export default function EditorPage({ kind }: { kind: string }) {
  const { name = "" } = useParams();
  const { canEdit } = useSession();
  const [artifact, setArtifact] = useState<Artifact | null>(null);
  const [paths, setPaths] = useState<string[]>([]);
  const [folders, setFolders] = useState<string[]>([]);
  const [baseCommit, setBaseCommit] = useState("");
  const [loadError, setLoadError] = useState("");
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [tabs, setTabs] = useState<string[]>([]);
  const [active, setActive] = useState("");
  const [revision, setRevision] = useState(0); // bumps when any buffer's text changes
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState("");
  const [conflict, setConflict] = useState<{ diff: Diff | null; head: string } | null>(null);
  const [side, setSide] = useState<SidePanel>("");
  const [reviewing, setReviewing] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [validating, setValidating] = useState(false);
  const buffers = useRef(new Map<string, Buffer>());
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const pendingReveal = useRef<{ line: number; column: number } | null>(null);
  const external = artifact?.upstream;
  const readOnly = !canEdit || !!external;
  const sourceType = artifact?.sourceType ?? "";
  const ref = useMemo(() => ({ collection: kind, name }), [kind, name]);

  const uri = useCallback((path: string) => monaco.Uri.parse(`gitopshq:/${kind}/${name}/${path}`), [kind, name]);

  const disposeBuffers = useCallback(() => {
    for (const b of buffers.current.values()) b.model.dispose();
    buffers.current.clear();
  }, []);

  const load = useCallback(async () => {
    setLoadError("");
    try {
      const [a, tree] = await Promise.all([catalog.getArtifact(ref), catalog.getTree({ ...ref, ref: "main" })]);
      setArtifact(a);
      setPaths(tree.entries.map((e) => e.path));
      setBaseCommit(tree.commit);
      return tree;
    } catch (e) {
      setLoadError(errorMessage(e));
      return null;
    }
  }, [ref]);

  useEffect(() => {
    disposeBuffers();
    setTabs([]);
    setActive("");
    setProblems([]);
    load().then((tree) => {
      if (!tree) return;
      const first = ["Chart.yaml", "kustomization.yaml", "values.yaml"].find((p) => tree.entries.some((e) => e.path === p)) ?? tree.entries[0]?.path;
      if (first) void openFile(first);
    });
    return disposeBuffers;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, disposeBuffers]);

  // `.Values.` completion reads values.yaml of this chart: the open buffer when there is one.
  const valuesText = useRef("");
  useEffect(() => {
    setValuesSource((model) => (model.uri.path.startsWith(`/${kind}/${name}/`) ? (buffers.current.get("values.yaml")?.model.getValue() ?? valuesText.current) : undefined));
    if (kind === "charts") {
      catalog
        .getFile({ ...ref, path: "values.yaml", ref: "main" })
        .then((f) => (valuesText.current = f.body.case === "text" ? f.body.value : ""))
        .catch(() => (valuesText.current = ""));
    }
  }, [kind, name, ref]);

  const checkYaml = useCallback(
    (buffer: Buffer) => {
      const found = isCheckedYaml(buffer.path, sourceType) ? yamlProblems(buffer.model.getValue()) : [];
      monaco.editor.setModelMarkers(
        buffer.model,
        "yaml",
        found.map((p) => ({ severity: monaco.MarkerSeverity.Error, startLineNumber: p.line, startColumn: p.column, endLineNumber: p.endLine, endColumn: Math.max(p.endColumn, p.column + 1), message: p.message, source: "YAML" })),
      );
      setProblems((all) => [
        ...all.filter((p) => !(p.source === "yaml" && p.file === buffer.path)),
        ...found.map((p) => ({ source: "yaml" as const, severity: "error" as const, file: buffer.path, line: p.line, column: p.column, message: p.message })),
      ]);
    },
    [sourceType],
  );

  const addBuffer = useCallback(
    (path: string, text: string, isNew: boolean) => {
      const model = monaco.editor.createModel(text, languageOf(path, sourceType), uri(path));
      const buffer: Buffer = { path, model, original: isNew ? "" : text, isNew };
      buffers.current.set(path, buffer);
      let timer: ReturnType<typeof setTimeout> | undefined;
      model.onDidChangeContent(() => {
        setRevision((r) => r + 1);
        clearTimeout(timer);
        timer = setTimeout(() => !model.isDisposed() && checkYaml(buffer), 250);
      });
      checkYaml(buffer);
      return buffer;
    },
    [sourceType, uri, checkYaml],
  );

  const openFile = useCallback(
    async (path: string, reveal?: { line: number; column: number }) => {
      if (!buffers.current.has(path)) {
        try {
          const file = await catalog.getFile({ ...ref, path, ref: "main" });
          if (buffers.current.has(path)) return;
          if (file.body.case !== "text") {
            setNotice(`${path} is a binary file (${file.size} bytes); it cannot be edited here.`);
            return;
          }
          addBuffer(path, file.body.value, false);
        } catch (e) {
          setError(`Cannot open ${path}: ${errorMessage(e)}`);
          return;
        }
      }
      setTabs((t) => (t.includes(path) ? t : [...t, path]));
      setActive(path);
      pendingReveal.current = reveal ?? null;
    },
    [ref, addBuffer],
  );

  useEffect(() => {
    const editor = editorRef.current;
    const at = pendingReveal.current;
    if (editor && at && active) {
      pendingReveal.current = null;
      setTimeout(() => {
        editor.revealLineInCenter(at.line);
        editor.setPosition({ lineNumber: at.line, column: Math.max(1, at.column) });
        editor.focus();
      }, 0);
    }
  }, [active]);

  const dirtyPaths = useMemo(() => {
    void revision;
    return [...buffers.current.values()].filter((b) => b.isNew || b.model.getValue() !== b.original).map((b) => b.path);
  }, [revision, tabs]); // eslint-disable-line react-hooks/exhaustive-deps

  const closeTab = (path: string) => {
    const buffer = buffers.current.get(path);
    if (buffer && dirtyPaths.includes(path) && !confirm(`Discard unsaved changes to ${path}?`)) return;
    if (buffer) {
      buffer.model.dispose();
      buffers.current.delete(path);
    }
    setProblems((all) => all.filter((p) => !(p.source === "yaml" && p.file === path)));
    setTabs((t) => {
      const next = t.filter((x) => x !== path);
      if (active === path) setActive(next[next.length - 1] ?? "");
      return next;
    });
  };

  const applyValidation = useCallback(
    (diagnostics: Diagnostic[]) => {
      for (const b of buffers.current.values()) {
        monaco.editor.setModelMarkers(
          b.model,
          "validation",
          diagnostics
            .filter((d) => d.file === b.path)
            .map((d) => ({
              severity: d.severity === Severity.WARNING ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Error,
              startLineNumber: Math.max(1, d.line),
              startColumn: Math.max(1, d.column),
              endLineNumber: Math.max(1, d.line),
              endColumn: d.column > 0 ? d.column + 1 : 1000,
              message: d.message,
              source: "validation",
            })),
        );
      }
      setProblems((all) => [
        ...all.filter((p) => p.source !== "validation"),
        ...diagnostics.map((d) => ({
          source: "validation" as const,
          severity: d.severity === Severity.WARNING ? ("warning" as const) : ("error" as const),
          file: d.file,
          line: d.line,
          column: d.column,
          message: d.message,
        })),
      ]);
    },
    [],
  );

  const validate = useCallback(async () => {
    setValidating(true);
    try {
      const result = await catalog.validate({ ...ref, ref: "main" });
      applyValidation(result.diagnostics);
      return result;
    } catch (e) {
      setError(`Validation failed: ${errorMessage(e)}`);
      return null;
    } finally {
      setValidating(false);
    }
  }, [ref, applyValidation]);

  useEffect(() => {
    if (artifact && baseCommit) void validate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [artifact?.name]);

  /** Commits `changes` on top of the base commit as one commit; a stale base opens the conflict dialog. */
  const commit = useCallback(
    async (changes: FileChange[], summary: PendingChange[], commitMessage: string) => {
      setError("");
      try {
        const result = await catalog.commitChanges({ ...ref, changes, baseCommit, message: commitMessage || defaultCommitMessage(summary) });
        setBaseCommit(result.commit);
        setArtifact((a) => (a ? { ...a, headCommit: result.commit } : a));
        return result.commit;
      } catch (e) {
        if (isCode(e, Code.Aborted)) {
          const tree = await catalog.getTree({ ...ref, ref: "main" }).catch(() => null);
          const diff = tree ? await catalog.diffRefs({ ...ref, from: baseCommit, to: tree.commit }).catch(() => null) : null;
          setConflict({ diff, head: tree?.commit ?? "" });
        } else setError(errorMessage(e));
        return null;
      }
    },
    [ref, baseCommit],
  );

  // ---- file operations ----
  const addToKustomization = useRef(new Set<string>());

  const fileTexts = useCallback(async (wanted: string[]) => {
    const map = new Map<string, string>();
    for (const path of wanted) {
      const open = buffers.current.get(path);
      if (open) map.set(path, open.model.getValue());
      else {
        const file = await catalog.getFile({ ...ref, path, ref: "main" }).catch(() => null);
        if (file?.body.case === "text") map.set(path, file.body.value);
      }
    }
    return map;
  }, [ref]);

  /** The kustomization files as they become after `changes`, applied in order (several moves of a folder). */
  const kustomizationEditsFor = useCallback(
    async (...changes: ResourceChange[]) => {
      if (kind !== "kustomize-bases") return [];
      const texts = await fileTexts(paths.filter(isKustomization));
      const changed = new Map<string, { path: string; text: string; summary: string }>();
      for (const change of changes)
        for (const edit of kustomizationEdits(texts, change)) {
          texts.set(edit.path, edit.text);
          const before = changed.get(edit.path);
          changed.set(edit.path, { ...edit, summary: before ? `${before.summary}, ${edit.summary}` : edit.summary });
        }
      return [...changed.values()];
    },
    [kind, paths, fileTexts],
  );

  /** Open buffers without unsaved edits take the text of `commitId` (of `only` the given paths), e.g. after a commit that also changed kustomization.yaml. */
  const reloadClean = useCallback(
    async (commitId: string, only?: ReadonlySet<string>) => {
      for (const b of buffers.current.values()) {
        if (b.isNew || b.model.getValue() !== b.original || (only && !only.has(b.path))) continue;
        const file = await catalog.getFile({ ...ref, path: b.path, ref: commitId }).catch(() => null);
        if (file?.body.case === "text" && file.body.value !== b.original) {
          b.original = file.body.value;
          b.model.setValue(file.body.value);
        }
      }
    },
    [ref],
  );

  const save = useCallback(async () => {
    if (readOnly || saving) return;
    const dirty = [...buffers.current.values()].filter((b) => b.isNew || b.model.getValue() !== b.original);
    if (dirty.length === 0) {
      setNotice("Nothing to save.");
      return;
    }
    setSaving(true);
    setNotice("");
    const changes: FileChange[] = dirty.map((b) => writeChange(b.path, b.model.getValue()));
    const summary: PendingChange[] = dirty.map((b) => ({ kind: "write", path: b.path, isNew: b.isNew }));
    // A new resource file of a Kustomize base joins kustomization.yaml when the user asked for it at creation.
    const added = dirty.filter((x) => x.isNew && addToKustomization.current.has(x.path));
    for (const edit of await kustomizationEditsFor(...added.map((b) => ({ kind: "add" as const, path: b.path })))) {
      const open = dirty.find((b) => b.path === edit.path);
      if (open) open.model.setValue(edit.text); // the user's unsaved kustomization.yaml takes the new entry too
      const existing = changes.find((c) => c.change.case === "write" && c.change.value.path === edit.path);
      if (existing && existing.change.case === "write") existing.change.value.body = { case: "text", value: edit.text };
      else {
        changes.push(writeChange(edit.path, edit.text));
        summary.push({ kind: "write", path: edit.path, isNew: false });
      }
    }
    const committed = await commit(changes, summary, message.trim());
    if (committed) {
      for (const b of dirty) {
        b.original = b.model.getValue();
        b.isNew = false;
        addToKustomization.current.delete(b.path);
      }
      // Files the commit wrote besides the buffers saved (kustomization.yaml kept in step) are reloaded if open.
      const savedPaths = new Set(dirty.map((b) => b.path));
      await reloadClean(committed, new Set(summary.flatMap((c) => (c.kind === "write" && !savedPaths.has(c.path) ? [c.path] : []))));
      setPaths((p) => [...new Set([...p, ...summary.map((c) => (c.kind === "write" ? c.path : ""))].filter(Boolean))].sort());
      setMessage("");
      setRevision((r) => r + 1);
      setNotice(`Saved: ${message.trim() || defaultCommitMessage(summary)}`);
      void validate();
    }
    setSaving(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, saving, commit, message, validate, reloadClean, kustomizationEditsFor]);

  const saveRef = useRef(save);
  saveRef.current = save;
  const onEditorReady = useCallback((editor: monaco.editor.IStandaloneCodeEditor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void saveRef.current());
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyPaths.length > 0) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirtyPaths]);

  const [newFile, setNewFile] = useState<{ folder: boolean; path: string; addToKustomization: boolean } | null>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string; isFolder: boolean; updates: string[]; apply: boolean } | null>(null);
  const [deleting, setDeleting] = useState<{ path: string; isFolder: boolean; updates: string[]; apply: boolean } | null>(null);
  const [opError, setOpError] = useState("");
  const [opBusy, setOpBusy] = useState(false);

  function createFile() {
    if (!newFile) return;
    const path = newFile.path.trim().replace(/^\/+/, "");
    if (!path || path.endsWith("/")) return setOpError("Enter a file name.");
    if (path.split("/").some((s) => s === "" || s === "." || s === "..")) return setOpError("A path cannot have empty, '.' or '..' segments.");
    if (newFile.folder) {
      setFolders((f) => [...new Set([...f, path])]);
      setNewFile(null);
      return;
    }
    if (paths.includes(path) || buffers.current.has(path)) return setOpError(`${path} already exists.`);
    addBuffer(path, "", true);
    if (newFile.addToKustomization && isResourceFile(path)) addToKustomization.current.add(path);
    setTabs((t) => [...t, path]);
    setActive(path);
    setRevision((r) => r + 1);
    setNewFile(null);
  }

  async function startRename(from: string, isFolder: boolean) {
    setOpError("");
    setRenaming({ from, to: from, isFolder, updates: [], apply: true });
  }

  async function doRename() {
    if (!renaming) return;
    const to = renaming.to.trim().replace(/^\/+|\/+$/g, "");
    if (!to || to === renaming.from) return setOpError("Enter a new path.");
    const moves = renaming.isFolder ? filesUnder(paths, renaming.from).map((p) => [p, to + p.slice(renaming.from.length)] as const) : [[renaming.from, to] as const];
    const changes: FileChange[] = moves.map(([f, t]) => renameChange(f, t));
    const summary: PendingChange[] = moves.map(([f, t]) => ({ kind: "rename", from: f, to: t }));
    if (renaming.apply) {
      for (const edit of await kustomizationEditsFor(...moves.map(([f, t]) => ({ kind: "rename" as const, from: f, to: t })))) {
        changes.push(writeChange(moves.find(([x]) => x === edit.path)?.[1] ?? edit.path, edit.text));
        summary.push({ kind: "write", path: edit.path, isNew: false });
      }
    }
    setOpBusy(true);
    const committed = await commit(changes, summary, "");
    setOpBusy(false);
    if (!committed) return setRenaming(null);
    for (const [f, t] of moves) {
      const b = buffers.current.get(f);
      if (b) {
        const text = b.model.getValue();
        const dirty = text !== b.original;
        b.model.dispose();
        buffers.current.delete(f);
        const nb = addBuffer(t, text, false);
        nb.original = dirty ? b.original : text;
      }
    }
    setTabs((tabs) => tabs.map((p) => moves.find(([f]) => f === p)?.[1] ?? p));
    setActive((a) => moves.find(([f]) => f === a)?.[1] ?? a);
    await refreshTreeAndOpen(committed);
    setRenaming(null);
  }

  async function doDelete() {
    if (!deleting) return;
    const targets = deleting.isFolder ? filesUnder(paths, deleting.path) : [deleting.path];
    const changes: FileChange[] = targets.map((p) => deleteChange(p));
    const summary: PendingChange[] = targets.map((p) => ({ kind: "delete", path: p }));
    if (deleting.apply) {
      for (const edit of await kustomizationEditsFor(...targets.map((p) => ({ kind: "remove" as const, path: p })))) {
        if (targets.includes(edit.path)) continue;
        changes.push(writeChange(edit.path, edit.text));
        summary.push({ kind: "write", path: edit.path, isNew: false });
      }
    }
    setOpBusy(true);
    const committed = targets.length === 0 ? baseCommit : await commit(changes, summary, "");
    setOpBusy(false);
    if (!committed) return setDeleting(null);
    for (const p of targets) {
      buffers.current.get(p)?.model.dispose();
      buffers.current.delete(p);
    }
    setFolders((f) => f.filter((x) => x !== deleting.path && !x.startsWith(deleting.path + "/")));
    setTabs((tabs) => tabs.filter((p) => !targets.includes(p)));
    setActive((a) => (targets.includes(a) ? "" : a));
    await refreshTreeAndOpen(committed);
    setDeleting(null);
  }

  /** After a structural commit: the new file list, and open clean buffers reloaded (kustomization.yaml may have changed). */
  async function refreshTreeAndOpen(commitId: string) {
    const tree = await catalog.getTree({ ...ref, ref: commitId }).catch(() => null);
    if (!tree) return;
    setPaths(tree.entries.map((e) => e.path));
    await reloadClean(commitId);
    setRevision((r) => r + 1);
    void validate();
  }

  async function prepareKustomizationOffer(change: ResourceChange) {
    const edits = await kustomizationEditsFor(change);
    return edits.map((e) => `${e.path}: ${e.summary}`);
  }

  // ---- conflict ----
  async function reloadAfterConflict() {
    setConflict(null);
    disposeBuffers();
    setTabs([]);
    const tree = await load();
    if (tree && active && tree.entries.some((e) => e.path === active)) void openFile(active);
    setNotice("Reloaded the latest files; your unsaved edits were discarded.");
  }

  function keepMineAfterConflict() {
    if (!conflict) return;
    setBaseCommit(conflict.head);
    // Buffers keep the user's text; their originals become the latest committed text so "dirty" stays right.
    void (async () => {
      for (const b of buffers.current.values()) {
        if (b.isNew) continue;
        const file = await catalog.getFile({ ...ref, path: b.path, ref: conflict.head }).catch(() => null);
        b.original = file?.body.case === "text" ? file.body.value : "";
        if (!file) b.isNew = true;
      }
      const tree = await catalog.getTree({ ...ref, ref: conflict.head }).catch(() => null);
      if (tree) setPaths(tree.entries.map((e) => e.path));
      setRevision((r) => r + 1);
      setNotice("Your text is kept on top of the latest version of the files. Save again to apply it.");
    })();
    setConflict(null);
  }

  async function syncNow() {
    setError("");
    setNotice("Syncing…");
    try {
      const r = await sources.syncArtifact(ref);
      setNotice(`Synced: ${r.versions.length} versions upstream${r.added.length ? `, new: ${r.added.join(", ")}` : ""}${r.changed.length ? `, changed upstream: ${r.changed.join(", ")}` : ""}${r.removed.length ? `, removed upstream: ${r.removed.join(", ")}` : ""}.`);
      const a = await catalog.getArtifact(ref);
      setArtifact(a);
    } catch (e) {
      setNotice("");
      setError(errorMessage(e));
    }
  }

  const activeBuffer = active ? buffers.current.get(active) ?? null : null;
  const problemsShown = problems.slice().sort((a, b) => (a.severity === b.severity ? a.file.localeCompare(b.file) || a.line - b.line : a.severity === "error" ? -1 : 1));

  if (loadError)
    return (
      <main className="page">
        <ErrorBanner message={loadError} />
        <Link to={`/${kind}`}>Back to the catalog</Link>
      </main>
    );
  if (!artifact) return <main className="page"><Progress label="Loading" /></main>;

  return (
    <main className="full">
      <div className={`workbench ${side ? "with-side" : ""}`}>
        <FileTree
          paths={paths}
          folders={folders}
          dirty={dirtyPaths}
          active={active}
          readOnly={readOnly}
          onOpen={(p) => void openFile(p)}
          onNewFile={(folder) => {
            setOpError("");
            setNewFile({ folder: false, path: folder ? folder + "/" : "", addToKustomization: kind === "kustomize-bases" });
          }}
          onNewFolder={(folder) => {
            setOpError("");
            setNewFile({ folder: true, path: folder ? folder + "/" : "", addToKustomization: false });
          }}
          onRename={(p, isFolder) => void startRename(p, isFolder)}
          onDelete={async (p, isFolder) => {
            setOpError("");
            const updates = isFolder ? [] : await prepareKustomizationOffer({ kind: "remove", path: p });
            setDeleting({ path: p, isFolder, updates, apply: true });
          }}
        />
        <section className="center" aria-label="Editor">
          <div className="editor-bar">
            <strong>
              <Link to={`/${kind}`}>{kind}</Link> / {name}
            </strong>
            <span className="badge">{artifact.sourceType}</span>
            {artifact.latestVersion ? <span className="badge accent">latest {artifact.latestVersion}</span> : <span className="badge">unpublished</span>}
            {readOnly && <span className="badge" title={external ? "Versions come from the source" : "Viewers cannot change files"}>read-only</span>}
            {external && (
              <span className="muted" title={external.lastSyncError || undefined}>
                from {external.reference}
                {external.chart ? ` (${external.chart})` : ""} · synced {formatTime(external.lastSyncAt, "never")}
                {external.lastSyncError && <span className="error"> · last sync failed</span>}
              </span>
            )}
            {external && canEdit && (
              <button type="button" onClick={() => void syncNow()}>
                Sync now
              </button>
            )}
            <span className="spacer" />
            {!readOnly && (
              <>
                <label className="sr-only" htmlFor="commit-message">
                  Commit message
                </label>
                <input id="commit-message" placeholder={dirtyPaths.length ? defaultCommitMessage(dirtyPaths.map((p) => ({ kind: "write", path: p, isNew: !paths.includes(p) }))) : "Commit message (optional)"} value={message} onChange={(e) => setMessage(e.target.value)} style={{ width: 200 }} />
                <button type="button" className="primary" onClick={() => void save()} disabled={saving || dirtyPaths.length === 0} title="Save (Ctrl+S)">
                  {saving ? "Saving…" : dirtyPaths.length > 1 ? `Save ${dirtyPaths.length} files` : "Save"}
                </button>
              </>
            )}
            <button type="button" onClick={() => setSide(side === "preview" ? "" : "preview")} aria-pressed={side === "preview"}>
              Preview
            </button>
            <button type="button" onClick={() => setReviewing(true)}>
              Review changes
            </button>
            {!readOnly && (
              <button type="button" onClick={() => setPublishing(true)} disabled={dirtyPaths.length > 0} title={dirtyPaths.length > 0 ? "Save your changes first" : "Publish a version"}>
                Publish
              </button>
            )}
            <Link className="button" to={`/${kind}/${name}/versions`}>
              Versions
            </Link>
          </div>
          {(error || notice) && (
            <div style={{ padding: "0 10px" }}>
              <ErrorBanner message={error} onDismiss={() => setError("")} />
              {notice && <Notice>{notice}</Notice>}
            </div>
          )}
          <div className="tabs" role="group" aria-label="Open files">
            {tabs.map((p) => (
              <span key={p} style={{ display: "inline-flex" }}>
                <button type="button" className="tab" aria-current={p === active ? "true" : undefined} onClick={() => setActive(p)} title={p}>
                  {p.split("/").pop()}
                  {dirtyPaths.includes(p) && <span aria-label="modified" title="Unsaved changes"> ●</span>}
                </button>
                <button type="button" className="close" aria-label={`Close ${p}`} onClick={() => closeTab(p)}>
                  ×
                </button>
              </span>
            ))}
          </div>
          <CodeEditor model={activeBuffer?.model ?? null} readOnly={readOnly} label={active ? `Editing ${active}` : "No file open"} onReady={onEditorReady} />
          {!activeBuffer && <p className="muted" style={{ padding: 12 }}>Open a file from the tree.</p>}
          <section className="problems" aria-label="Problems">
            <h2>
              Problems ({problemsShown.length}) {validating && <Progress label="Validating" />}
            </h2>
            <ul>
              {problemsShown.map((p, i) => (
                <li key={i}>
                  <button type="button" onClick={() => p.file && void openFile(p.file, { line: Math.max(1, p.line), column: Math.max(1, p.column) })}>
                    <span className={p.severity === "error" ? "error" : "warn"}>{p.severity === "error" ? "✖" : "⚠"}</span> {p.file || name}
                    {p.line > 0 ? `:${p.line}` : ""} — {p.message} <span className="muted">({p.source === "yaml" ? "YAML" : "validation"})</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </section>
        {side === "preview" && (
          <PreviewPanel
            kind={kind}
            name={name}
            sourceType={artifact.sourceType}
            dirty={dirtyPaths.length > 0}
            onClose={() => setSide("")}
            onOpen={(file, line, column) => void openFile(file, { line: Math.max(1, line), column: Math.max(1, column) })}
          />
        )}
      </div>

      <ReviewDialog open={reviewing} kind={kind} name={name} sourceType={artifact.sourceType} latest={artifact.latestVersion} onClose={() => setReviewing(false)} />
      <PublishDialog
        open={publishing}
        kind={kind}
        name={name}
        baseCommit={baseCommit}
        onClose={() => setPublishing(false)}
        onCommitted={(c) => void refreshTreeAndOpen(c).then(() => setBaseCommit(c))}
        onPublished={(v) => {
          setArtifact((a) => (a ? { ...a, latestVersion: v } : a));
          setNotice(`Published ${name} ${v}.`);
        }}
        onDiagnostics={applyValidation}
      />

      <Dialog
        open={newFile !== null}
        title={newFile?.folder ? "New folder" : "New file"}
        onClose={() => setNewFile(null)}
        actions={
          <>
            <button type="button" onClick={() => setNewFile(null)}>Cancel</button>
            <button type="button" className="primary" onClick={createFile}>Create</button>
          </>
        }
      >
        <form onSubmit={(e) => { e.preventDefault(); createFile(); }}>
          <label htmlFor="new-path">{newFile?.folder ? "Folder path" : "File path"}</label>
          <input id="new-path" value={newFile?.path ?? ""} onChange={(e) => newFile && setNewFile({ ...newFile, path: e.target.value })} style={{ width: "100%" }} autoFocus />
          {!newFile?.folder && kind === "kustomize-bases" && (
            <p>
              <label className="inline">
                <input type="checkbox" checked={newFile?.addToKustomization ?? false} onChange={(e) => newFile && setNewFile({ ...newFile, addToKustomization: e.target.checked })} />
                Add it to kustomization.yaml's resources when it is saved
              </label>
            </p>
          )}
          {newFile?.folder && <p className="muted">The folder is kept once a file in it is saved.</p>}
          <ErrorBanner message={opError} />
        </form>
      </Dialog>

      <Dialog
        open={renaming !== null}
        title={`Rename ${renaming?.from ?? ""}`}
        onClose={() => setRenaming(null)}
        actions={
          <>
            <button type="button" onClick={() => setRenaming(null)}>Cancel</button>
            <button type="button" className="primary" onClick={() => void doRename()} disabled={opBusy}>Rename</button>
          </>
        }
      >
        <form onSubmit={(e) => { e.preventDefault(); void doRename(); }}>
          <label htmlFor="rename-to">New path</label>
          <input id="rename-to" value={renaming?.to ?? ""} onChange={(e) => renaming && setRenaming({ ...renaming, to: e.target.value })} style={{ width: "100%" }} autoFocus />
          {kind === "kustomize-bases" && (
            <p>
              <label className="inline">
                <input type="checkbox" checked={renaming?.apply ?? false} onChange={(e) => renaming && setRenaming({ ...renaming, apply: e.target.checked })} />
                Update kustomization.yaml (resources and patches that name it) in the same commit
              </label>
            </p>
          )}
          <ErrorBanner message={opError} />
        </form>
      </Dialog>

      <Confirm
        open={deleting !== null}
        title={`Delete ${deleting?.path ?? ""}`}
        confirmLabel="Delete"
        busy={opBusy}
        onCancel={() => setDeleting(null)}
        onConfirm={() => void doDelete()}
        message={
          <>
            <p>
              {deleting?.isFolder ? `Delete the folder ${deleting.path} and the ${filesUnder(paths, deleting.path).length} files in it?` : `Delete ${deleting?.path}?`} This is one commit on main; published versions keep their files.
            </p>
            {deleting && deleting.updates.length > 0 && (
              <label className="inline">
                <input type="checkbox" checked={deleting.apply} onChange={(e) => setDeleting({ ...deleting, apply: e.target.checked })} />
                Also update {deleting.updates.join("; ")}
              </label>
            )}
          </>
        }
      />

      <Dialog
        open={conflict !== null}
        title="Someone else changed this artifact"
        wide
        onClose={() => setConflict(null)}
        actions={
          <>
            <button type="button" onClick={() => void reloadAfterConflict()}>Reload (discard my edits)</button>
            <button type="button" className="primary" onClick={keepMineAfterConflict}>Keep my text and re-apply</button>
          </>
        }
      >
        <p>Your save was based on an older commit of main. The other change:</p>
        {conflict?.diff ? (
          <ul>
            {conflict.diff.files.map((f) => (
              <li key={f.path}>
                <details>
                  <summary>
                    {f.path} <span className="muted">(+{f.additions} −{f.deletions})</span>
                  </summary>
                  <pre className="mono" style={{ maxHeight: 240, overflow: "auto" }}>{f.patch}</pre>
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">The other change could not be loaded.</p>
        )}
      </Dialog>
    </main>
  );
}
