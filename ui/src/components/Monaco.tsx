// React hosts for Monaco's code editor and diff editor (loaded only by the pages that use them).
import { useEffect, useRef } from "react";
import { monaco, setUpMonaco, theme } from "../monaco/setup";

setUpMonaco();

export function CodeEditor({
  model,
  readOnly,
  label,
  onReady,
  options,
}: {
  model: monaco.editor.ITextModel | null;
  readOnly: boolean;
  label: string;
  onReady?: (editor: monaco.editor.IStandaloneCodeEditor) => void;
  options?: monaco.editor.IStandaloneEditorConstructionOptions;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      theme: theme(),
      ariaLabel: label,
      fixedOverflowWidgets: true,
      ...options,
    });
    editor.current = instance;
    onReady?.(instance);
    return () => {
      instance.dispose();
      editor.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    editor.current?.setModel(model);
  }, [model]);
  useEffect(() => {
    editor.current?.updateOptions({ readOnly, ariaLabel: label });
  }, [readOnly, label]);
  return <div ref={host} className="editor-host" data-testid="code-editor" />;
}

/** Two texts side by side with their differences. */
export function DiffView({ original, modified, language, label }: { original: string; modified: string; language: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const left = monaco.editor.createModel(original, language);
    const right = monaco.editor.createModel(modified, language);
    const diff = monaco.editor.createDiffEditor(host.current!, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      // Long files and renders: only what changed, with a few lines around it (unfold to see the rest).
      hideUnchangedRegions: { enabled: true, contextLineCount: 4, minimumLineCount: 3, revealLineCount: 20 },
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12.5,
      theme: theme(),
      ariaLabel: label,
    });
    diff.setModel({ original: left, modified: right });
    return () => {
      diff.dispose();
      left.dispose();
      right.dispose();
    };
  }, [original, modified, language, label]);
  return <div ref={host} className="diff-host" data-testid="diff-editor" aria-label={label} />;
}
