import { useMemo, useState } from "react";

interface Node {
  name: string;
  path: string;
  folder: boolean;
  children: Node[];
}

function buildTree(paths: readonly string[], folders: readonly string[]): Node {
  const root: Node = { name: "", path: "", folder: true, children: [] };
  const add = (path: string, isFolder: boolean) => {
    const parts = path.split("/");
    let node = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const childPath = parts.slice(0, i + 1).join("/");
      let child = node.children.find((c) => c.name === part && c.folder === (!last || isFolder));
      if (!child) {
        child = { name: part, path: childPath, folder: !last || isFolder, children: [] };
        node.children.push(child);
      }
      node = child;
    });
  };
  for (const f of folders) add(f, true);
  for (const p of paths) add(p, false);
  const sort = (n: Node) => {
    n.children.sort((a, b) => (a.folder === b.folder ? a.name.localeCompare(b.name) : a.folder ? -1 : 1));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}

/** The working copy's files: search, open, and (for editors) create, rename and delete. */
export function FileTree({
  paths,
  folders,
  dirty,
  active,
  readOnly,
  onOpen,
  onNewFile,
  onNewFolder,
  onRename,
  onDelete,
}: {
  paths: string[];
  folders: string[];
  dirty: string[];
  active: string;
  readOnly: boolean;
  onOpen: (path: string) => void;
  onNewFile: (folder: string) => void;
  onNewFolder: (folder: string) => void;
  onRename: (path: string, isFolder: boolean) => void;
  onDelete: (path: string, isFolder: boolean) => void;
}) {
  const [filter, setFilter] = useState("");
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<{ path: string; folder: boolean } | null>(null);
  const allPaths = useMemo(() => [...new Set([...paths, ...dirty])], [paths, dirty]);
  const shown = useMemo(() => (filter ? allPaths.filter((p) => p.toLowerCase().includes(filter.toLowerCase())) : allPaths), [allPaths, filter]);
  const tree = useMemo(() => buildTree(shown, filter ? [] : folders), [shown, folders, filter]);
  const selectedFolder = selected ? (selected.folder ? selected.path : selected.path.split("/").slice(0, -1).join("/")) : "";

  const render = (node: Node, depth: number): React.ReactNode =>
    node.children.map((child) => (
      <li key={(child.folder ? "d:" : "f:") + child.path} role="treeitem" aria-expanded={child.folder ? !collapsed.has(child.path) || !!filter : undefined} aria-selected={selected?.path === child.path}>
        <button
          type="button"
          className={`node ${child.path === active || selected?.path === child.path ? "selected" : ""}`}
          style={{ paddingLeft: 8 + depth * 14 }}
          onClick={() => {
            setSelected({ path: child.path, folder: child.folder });
            if (child.folder)
              setCollapsed((c) => {
                const next = new Set(c);
                if (next.has(child.path)) next.delete(child.path);
                else next.add(child.path);
                return next;
              });
            else onOpen(child.path);
          }}
          title={child.path}
        >
          <span aria-hidden="true">{child.folder ? (collapsed.has(child.path) && !filter ? "▸" : "▾") : "·"}</span>
          {child.name}
          {!child.folder && dirty.includes(child.path) && <span className="dirty" aria-label="modified"> ●</span>}
        </button>
        {child.folder && (!collapsed.has(child.path) || filter) && <ul role="group" className="tree">{render(child, depth + 1)}</ul>}
      </li>
    ));

  return (
    <aside className="sidebar" aria-label="Files">
      <div className="sidebar-head">
        <label className="sr-only" htmlFor="file-search">
          Search files
        </label>
        <input id="file-search" type="search" placeholder="Search files" value={filter} onChange={(e) => setFilter(e.target.value)} />
        {!readOnly && (
          <>
            <button type="button" onClick={() => onNewFile(selectedFolder)} title="New file">
              New file
            </button>
            <button type="button" onClick={() => onNewFolder(selectedFolder)} title="New folder">
              New folder
            </button>
            <button type="button" disabled={!selected} onClick={() => selected && onRename(selected.path, selected.folder)}>
              Rename
            </button>
            <button type="button" className="danger" disabled={!selected} onClick={() => selected && onDelete(selected.path, selected.folder)}>
              Delete
            </button>
          </>
        )}
      </div>
      <ul className="tree" role="tree" aria-label="Files of the working copy">
        {render(tree, 0)}
      </ul>
      {shown.length === 0 && <p className="muted" style={{ padding: 8 }}>{filter ? "No file matches." : "No files yet."}</p>}
    </aside>
  );
}
