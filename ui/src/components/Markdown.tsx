import DOMPurify from "dompurify";
import { marked } from "marked";
import { useMemo } from "react";

/** Release notes and READMEs: Markdown rendered, then sanitised (no scripts, no event handlers). */
export function Markdown({ text, label }: { text: string; label?: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(text, { async: false, gfm: true }) as string), [text]);
  return <div className="markdown" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
