// Monaco, bundled and set up once for the editor and diff pages: workers, the Helm template language
// (tokenizer from lib/templateTokenizer), `.Values.` completion, and themes that follow the OS.
import * as monaco from "monaco-editor";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/language/json/json.worker?worker";
import { initialState, tokenizeLine, type TemplateState } from "../lib/templateTokenizer";
import { completeValues, valuesPathAt } from "../lib/valuesPaths";

export { monaco };

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === "json" ? new JsonWorker() : new EditorWorker();
  },
};

export const helmTemplate = "helm-template";

class LineState implements monaco.languages.IState {
  constructor(readonly state: TemplateState) {}
  clone(): LineState {
    return new LineState(this.state);
  }
  equals(other: monaco.languages.IState): boolean {
    const o = (other as LineState).state;
    return !!o && o.inAction === this.state.inAction && o.inComment === this.state.inComment && o.inRaw === this.state.inRaw;
  }
}

/** Where the chart's values.yaml text comes from, per model (set by the editor for the open chart). */
let valuesSource: (model: monaco.editor.ITextModel) => string | undefined = () => undefined;
export function setValuesSource(source: (model: monaco.editor.ITextModel) => string | undefined): void {
  valuesSource = source;
}

let ready = false;
export function setUpMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  monaco.languages.register({ id: helmTemplate, aliases: ["Helm template"], extensions: [".tpl"] });
  monaco.languages.setTokensProvider(helmTemplate, {
    getInitialState: () => new LineState(initialState),
    tokenize(line, state) {
      const result = tokenizeLine(line, (state as LineState).state);
      return { tokens: result.tokens.map((t) => ({ startIndex: t.start, scopes: t.type })), endState: new LineState(result.state) };
    },
  });
  monaco.languages.setLanguageConfiguration(helmTemplate, {
    comments: { lineComment: "#", blockComment: ["{{/*", "*/}}"] },
    brackets: [["{{", "}}"], ["(", ")"], ["[", "]"], ["{", "}"]],
    autoClosingPairs: [
      { open: "{{", close: " }}" },
      { open: "(", close: ")" },
      { open: "[", close: "]" },
      { open: '"', close: '"', notIn: ["string"] },
    ],
  });
  monaco.languages.registerCompletionItemProvider(helmTemplate, {
    triggerCharacters: ["."],
    provideCompletionItems(model, position) {
      const before = model.getValueInRange({ startLineNumber: Math.max(1, position.lineNumber - 5), startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
      const at = valuesPathAt(before);
      const values = at ? valuesSource(model) : undefined;
      if (!at || values === undefined) return { suggestions: [] };
      const range = new monaco.Range(position.lineNumber, position.column - at.partial.length, position.lineNumber, position.column);
      return {
        suggestions: completeValues(values, at.path, at.partial).map((item) => ({
          label: item.key,
          kind: item.kind === "map" ? monaco.languages.CompletionItemKind.Module : monaco.languages.CompletionItemKind.Property,
          detail: `${item.kind}: ${item.detail}`,
          documentation: `.Values.${[...at.path, item.key].join(".")} in values.yaml`,
          insertText: item.key,
          range,
        })),
      };
    },
  });
  const rules = (dark: boolean): monaco.editor.ITokenThemeRule[] => [
    { token: "delimiter.template", foreground: dark ? "d19a66" : "b35900", fontStyle: "bold" },
    { token: "keyword.template", foreground: dark ? "c678dd" : "8700af", fontStyle: "bold" },
    { token: "function.template", foreground: dark ? "61afef" : "0550ae" },
    { token: "values.template", foreground: dark ? "e5c07b" : "953800" },
    { token: "field.template", foreground: dark ? "56b6c2" : "0a7a7a" },
    { token: "variable.template", foreground: dark ? "e06c75" : "a31515" },
    { token: "constant.template", foreground: dark ? "d19a66" : "0550ae" },
    { token: "string.template", foreground: dark ? "98c379" : "0a3069" },
    { token: "comment.template", foreground: dark ? "7f848e" : "6e7781", fontStyle: "italic" },
    { token: "key", foreground: dark ? "7ee787" : "116329" },
  ];
  monaco.editor.defineTheme("gitopshq-light", { base: "vs", inherit: true, rules: rules(false), colors: {} });
  monaco.editor.defineTheme("gitopshq-dark", { base: "vs-dark", inherit: true, rules: rules(true), colors: {} });
  const media = matchMedia("(prefers-color-scheme: dark)");
  const apply = () => monaco.editor.setTheme(media.matches ? "gitopshq-dark" : "gitopshq-light");
  apply();
  media.addEventListener("change", apply);
  return monaco;
}

export function theme(): string {
  return matchMedia("(prefers-color-scheme: dark)").matches ? "gitopshq-dark" : "gitopshq-light";
}

/** Monaco's language for a file of an artifact of `sourceType`. */
export function languageOf(path: string, sourceType: string): string {
  const lower = path.toLowerCase();
  if (sourceType === "helm" && (/(^|\/)templates\//.test(path) || lower.endsWith(".tpl"))) return /\.(ya?ml|tpl|txt)$/.test(lower) ? helmTemplate : "plaintext";
  if (/\.ya?ml$/.test(lower) || lower.endsWith("/kustomization") || lower === "kustomization") return "yaml";
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".md")) return "markdown";
  return "plaintext";
}
