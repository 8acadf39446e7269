// Keeps a Kustomize base's kustomization files in step when a resource file is added, renamed or removed:
// `resources` entries and patches that name the file, comments and layout kept.
import { isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";

export const kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

export function isKustomization(path: string): boolean {
  return kustomizationNames.includes(path.split("/").pop() ?? "");
}

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** `path` relative to `dir` when it is inside it (kustomize resources are relative to the kustomization). */
function relativeTo(dir: string, path: string): string | null {
  if (dir === "") return path;
  return path.startsWith(dir + "/") ? path.slice(dir.length + 1) : null;
}

function normalise(entry: string): string {
  return entry.replace(/^\.\//, "");
}

export type ResourceChange = { kind: "add"; path: string } | { kind: "rename"; from: string; to: string } | { kind: "remove"; path: string };

export interface KustomizationEdit {
  /** The kustomization file changed. */
  path: string;
  text: string;
  /** What changed, for the confirmation the user sees. */
  summary: string;
}

/** Whether a file is one a kustomization lists as a resource (YAML or JSON manifests). */
export function isResourceFile(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path) && !isKustomization(path);
}

/**
 * The edits to the tree's kustomization files that `change` calls for: a new resource file is added to the
 * `resources` of the kustomization in its folder; a renamed or removed one is renamed or removed wherever a
 * kustomization names it (in `resources`, `patches[].path` and `patchesStrategicMerge`).
 */
export function kustomizationEdits(files: ReadonlyMap<string, string>, change: ResourceChange): KustomizationEdit[] {
  const edits: KustomizationEdit[] = [];
  for (const [path, text] of files) {
    if (!isKustomization(path)) continue;
    const dir = dirOf(path);
    let doc: Document;
    try {
      doc = parseDocument(text);
    } catch {
      continue;
    }
    if (doc.errors.length > 0) continue;
    const root = doc.contents;
    if (root !== null && !isMap(root)) continue;
    let summary = "";
    if (change.kind === "add") {
      const rel = relativeTo(dir, change.path);
      if (rel === null || dirOf(change.path) !== dir || !isResourceFile(change.path)) continue;
      const resources = doc.get("resources", true);
      if (isSeq(resources)) {
        if (resources.items.some((item) => isScalar(item) && normalise(String(item.value)) === rel)) continue;
        resources.add(doc.createNode(rel));
      } else if (resources === undefined || resources === null || (isScalar(resources) && resources.value === null)) {
        doc.set("resources", doc.createNode([rel]));
      } else continue;
      summary = `add ${rel} to resources`;
    } else {
      const from = relativeTo(dir, change.kind === "rename" ? change.from : change.path);
      if (from === null) continue;
      const to = change.kind === "rename" ? relativeTo(dir, change.to) ?? relativePath(dir, change.to) : null;
      const touched: string[] = [];
      const visit = (key: string, pick: (item: unknown) => { node: { value: unknown }; owner?: unknown } | null) => {
        const list = doc.get(key, true);
        if (!isSeq(list)) return;
        for (let i = list.items.length - 1; i >= 0; i--) {
          const found = pick(list.items[i]);
          if (!found || normalise(String(found.node.value)) !== from) continue;
          if (to === null) list.items.splice(i, 1);
          else found.node.value = String(found.node.value).startsWith("./") ? "./" + to : to;
          if (!touched.includes(key)) touched.push(key);
        }
      };
      visit("resources", (item) => (isScalar(item) ? { node: item } : null));
      visit("patchesStrategicMerge", (item) => (isScalar(item) ? { node: item } : null));
      visit("patchesJson6902", (item) => (isMap(item) && isScalar(item.get("path", true)) ? { node: item.get("path", true) as { value: unknown } } : null));
      visit("patches", (item) => (isMap(item) && isScalar(item.get("path", true)) ? { node: item.get("path", true) as { value: unknown } } : null));
      if (touched.length === 0) continue;
      summary = to === null ? `remove ${from} from ${touched.join(", ")}` : `rename ${from} to ${to} in ${touched.join(", ")}`;
    }
    edits.push({ path, text: doc.toString(), summary });
  }
  return edits;
}

function relativePath(fromDir: string, path: string): string {
  const a = fromDir === "" ? [] : fromDir.split("/");
  const b = path.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...Array(a.length - i).fill(".."), ...b.slice(i)].join("/");
}
