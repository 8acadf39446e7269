// Completion of `.Values.` paths in chart templates from the chart's values.yaml.
import { isMap, isScalar, isSeq, parseDocument, type Node } from "yaml";

export interface ValuesCompletion {
  /** The key to insert. */
  key: string;
  /** "map", "list", "string", "number", "boolean", "null". */
  kind: string;
  /** A short preview of the value. */
  detail: string;
}

/**
 * Where the text before the cursor is inside a `.Values` path: the keys already typed and the partial last key,
 * e.g. `{{ .Values.image.ta` → { path: ["image"], partial: "ta" }. Also `$.Values.…`; null elsewhere.
 */
export function valuesPathAt(textBeforeCursor: string): { path: string[]; partial: string } | null {
  const open = textBeforeCursor.lastIndexOf("{{");
  if (open < 0 || textBeforeCursor.indexOf("}}", open) >= 0) return null;
  const m = /(?:^|[\s(|$,])\.Values((?:\.[A-Za-z0-9_-]*)*)$/.exec(textBeforeCursor.slice(open + 2));
  if (!m) return null;
  const parts = (m[1] ?? "").split(".").slice(1);
  if (parts.length === 0) return null;
  const partial = parts.pop() ?? "";
  return { path: parts, partial };
}

/** The keys under `path` in values.yaml that start with `partial`, in file order. */
export function completeValues(valuesYaml: string, path: readonly string[], partial = ""): ValuesCompletion[] {
  let doc;
  try {
    doc = parseDocument(valuesYaml, { uniqueKeys: false });
  } catch {
    return [];
  }
  if (doc.errors.length > 0) return [];
  let node: unknown = doc.contents;
  for (const key of path) {
    if (!isMap(node)) return [];
    node = node.get(key, true);
  }
  if (!isMap(node)) return [];
  const result: ValuesCompletion[] = [];
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!key.startsWith(partial)) continue;
    result.push({ key, ...describe(pair.value as Node | null) });
  }
  return result;
}

function describe(value: Node | null): { kind: string; detail: string } {
  if (value === null || value === undefined) return { kind: "null", detail: "null" };
  if (isMap(value)) return { kind: "map", detail: `{ ${value.items.map((p) => (isScalar(p.key) ? String(p.key.value) : "…")).slice(0, 4).join(", ")}${value.items.length > 4 ? ", …" : ""} }` };
  if (isSeq(value)) return { kind: "list", detail: `[${value.items.length} item${value.items.length === 1 ? "" : "s"}]` };
  if (isScalar(value)) {
    const v = value.value;
    const kind = v === null ? "null" : typeof v === "number" || typeof v === "bigint" ? "number" : typeof v === "boolean" ? "boolean" : "string";
    const text = v === null ? "null" : String(v);
    return { kind, detail: text.length > 40 ? text.slice(0, 39) + "…" : text };
  }
  return { kind: "string", detail: "" };
}
