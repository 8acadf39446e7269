// The objects of a rendered YAML stream, for the outline beside a preview.

export interface RenderedObject {
  kind: string;
  name: string;
  /** 1-based line where the document starts. */
  line: number;
  /** "# Source: …" comment of the document, when the renderer wrote one. */
  source: string;
}

export function renderedObjects(stream: string): RenderedObject[] {
  const lines = stream.split("\n");
  const objects: RenderedObject[] = [];
  let start = 0;
  const flush = (end: number) => {
    const doc = lines.slice(start, end);
    const kind = doc.find((l) => /^kind:\s*\S/.test(l))?.replace(/^kind:\s*/, "").trim();
    if (kind) {
      const meta = doc.findIndex((l) => /^metadata:\s*$/.test(l));
      const nameLine = meta >= 0 ? doc.slice(meta + 1).find((l) => /^\s+name:\s*\S/.test(l) && l.search(/\S/) === doc[meta + 1]!.search(/\S/)) : undefined;
      const source = doc.find((l) => l.startsWith("# Source: "))?.slice(10).trim() ?? "";
      const firstContent = doc.findIndex((l) => l.trim() !== "" && l !== "---");
      objects.push({ kind, name: nameLine?.replace(/^\s+name:\s*/, "").replace(/^["']|["']$/g, "").trim() ?? "", line: start + Math.max(0, firstContent) + 1, source });
    }
  };
  lines.forEach((l, i) => {
    if (/^---(\s|$)/.test(l)) {
      flush(i);
      start = i;
    }
  });
  flush(lines.length);
  return objects;
}
