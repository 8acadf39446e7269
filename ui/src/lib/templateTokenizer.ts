// A line tokenizer for Helm templates: YAML text with Go template actions (`{{ … }}`). It colours the
// action delimiters (with `-` trim markers), keywords, functions, variables, `.Values…` paths and other
// fields, strings, numbers and comments (which may span lines). Pure, so Monaco's token provider and the
// tests share it; the state carries an open action or comment to the next line.

export type TokenType =
  | "text"
  | "key"
  | "delimiter"
  | "comment"
  | "string"
  | "number"
  | "delimiter.template"
  | "keyword.template"
  | "function.template"
  | "variable.template"
  | "values.template"
  | "field.template"
  | "string.template"
  | "number.template"
  | "operator.template"
  | "comment.template"
  | "constant.template";

export interface Token {
  start: number;
  type: TokenType;
}

export interface TemplateState {
  /** Inside `{{ … }}` at the end of the line. */
  readonly inAction: boolean;
  /** Inside `{{/* … *\/}}` at the end of the line. */
  readonly inComment: boolean;
  /** Inside a raw (backquoted) string in an action. */
  readonly inRaw: boolean;
}

export const initialState: TemplateState = { inAction: false, inComment: false, inRaw: false };

export const keywords = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "return"]);
const constants = new Set(["true", "false", "nil"]);

export function tokenizeLine(line: string, state: TemplateState = initialState): { tokens: Token[]; state: TemplateState } {
  const tokens: Token[] = [];
  const push = (start: number, type: TokenType) => {
    const last = tokens[tokens.length - 1];
    if (last && last.type === type) return;
    tokens.push({ start, type });
  };
  let { inAction, inComment, inRaw } = state;
  let i = 0;
  let lineStart = true; // YAML key detection: only text before any action on the line

  while (i < line.length) {
    if (inComment) {
      push(i, "comment.template");
      const close = line.indexOf("*/", i);
      if (close < 0) return { tokens, state: { inAction: false, inComment: true, inRaw: false } };
      i = close + 2;
      inComment = false;
      const end = /^\s*-?\s*}}/.exec(line.slice(i));
      if (end) {
        push(i, "delimiter.template");
        i += end[0].length;
      } else inAction = true;
      continue;
    }
    if (inAction) {
      if (inRaw) {
        push(i, "string.template");
        const close = line.indexOf("`", i);
        if (close < 0) return { tokens, state: { inAction: true, inComment: false, inRaw: true } };
        i = close + 1;
        inRaw = false;
        continue;
      }
      const rest = line.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^-?}}/.exec(rest)) || (m = /^\s+-}}/.exec(rest))) {
        push(i, "delimiter.template");
        i += m[0].length;
        inAction = false;
        continue;
      }
      if ((m = /^\s+/.exec(rest))) {
        push(i, "text");
        i += m[0].length;
        continue;
      }
      if (rest.startsWith("/*")) {
        inComment = true;
        inAction = false;
        continue;
      }
      if ((m = /^"(?:[^"\\]|\\.)*"?/.exec(rest)) || (m = /^'(?:[^'\\]|\\.)*'?/.exec(rest))) {
        push(i, "string.template");
        i += m[0].length;
        continue;
      }
      if (rest.startsWith("`")) {
        push(i, "string.template");
        const close = line.indexOf("`", i + 1);
        if (close < 0) return { tokens, state: { inAction: true, inComment: false, inRaw: true } };
        i = close + 1;
        continue;
      }
      if ((m = /^\$?\.Values(?:\.[A-Za-z0-9_]+)*\.?/.exec(rest)) && !/^[A-Za-z0-9_]/.test(rest.slice(m[0].length))) {
        push(i, "values.template");
        i += m[0].length;
        continue;
      }
      if ((m = /^\$[A-Za-z0-9_]*/.exec(rest))) {
        push(i, "variable.template");
        i += m[0].length;
        continue;
      }
      if ((m = /^(?:\.[A-Za-z0-9_]+)+\.?|^\./.exec(rest))) {
        push(i, "field.template");
        i += m[0].length;
        continue;
      }
      if ((m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(rest)) && !/^[A-Za-z_]/.test(rest.slice(m[0].length))) {
        push(i, "number.template");
        i += m[0].length;
        continue;
      }
      if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) {
        push(i, keywords.has(m[0]) ? "keyword.template" : constants.has(m[0]) ? "constant.template" : "function.template");
        i += m[0].length;
        continue;
      }
      push(i, "operator.template");
      i += 1;
      continue;
    }
    // Outside actions: YAML.
    const open = line.indexOf("{{", i);
    const segmentEnd = open < 0 ? line.length : open;
    if (segmentEnd > i) {
      yamlSegment(line.slice(i, segmentEnd), i, lineStart, push);
      i = segmentEnd;
    }
    if (open < 0) break;
    lineStart = false;
    const delimiter = /^{{-?\s*/.exec(line.slice(open))![0];
    const afterOpen = line.slice(open + delimiter.length);
    if (afterOpen.startsWith("/*")) {
      push(open, "comment.template");
      i = open + delimiter.length;
      inComment = true;
      const close = line.indexOf("*/", i);
      if (close < 0) return { tokens, state: { inAction: false, inComment: true, inRaw: false } };
      continue;
    }
    push(open, "delimiter.template");
    i = open + delimiter.replace(/\s+$/, "").length;
    inAction = true;
  }
  return { tokens, state: { inAction, inComment, inRaw } };
}

function yamlSegment(text: string, offset: number, lineStart: boolean, push: (start: number, type: TokenType) => void): void {
  let i = 0;
  if (lineStart) {
    const key = /^(\s*(?:-\s+)?)([^\s#'"{}\[\],&*!|>%@`][^:#]*?|"[^"]*"|'[^']*')(\s*:)(?=\s|$)/.exec(text);
    if (key) {
      if (key[1]) push(offset, "text");
      push(offset + key[1]!.length, "key");
      push(offset + key[1]!.length + key[2]!.length, "delimiter");
      i = key[0].length;
    }
  }
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if (text[i] === "#" && ((i === 0 && lineStart) || /\s/.test(text[i - 1] ?? ""))) {
      push(offset + i, "comment");
      return;
    }
    if ((m = /^"(?:[^"\\]|\\.)*"?|^'[^']*'?/.exec(rest))) {
      push(offset + i, "string");
      i += m[0].length;
      continue;
    }
    if ((m = /^-?\d+(?:\.\d+)?(?=\s*(?:#|$))/.exec(rest)) && (i === 0 || /[\s:-]/.test(text[i - 1] ?? ""))) {
      push(offset + i, "number");
      i += m[0].length;
      continue;
    }
    push(offset + i, "text");
    i += 1;
  }
}
