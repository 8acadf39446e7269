import { describe, expect, it } from "vitest";
import { initialState, tokenizeLine, type TemplateState } from "./templateTokenizer";

/** The line cut at its tokens: [text, type] pairs. */
function pieces(line: string, state: TemplateState = initialState): [string, string][] {
  const { tokens } = tokenizeLine(line, state);
  return tokens.map((t, i) => [line.slice(t.start, tokens[i + 1]?.start ?? line.length), t.type]);
}

const significant = (line: string, state?: TemplateState) =>
  pieces(line, state)
    .filter(([text]) => text.trim() !== "")
    .map(([text, type]) => [text.trim(), type]);

describe("template actions", () => {
  it("colours delimiters, .Values paths and functions", () => {
    expect(significant("image: {{ .Values.image.repository | quote }}")).toEqual([
      ["image", "key"],
      [":", "delimiter"],
      ["{{", "delimiter.template"],
      [".Values.image.repository", "values.template"],
      ["|", "operator.template"],
      ["quote", "function.template"],
      ["}}", "delimiter.template"],
    ]);
  });
  it("knows keywords, variables, fields, strings, numbers and constants", () => {
    expect(significant('{{- range $i, $host := .Values.hosts }}')).toEqual([
      ["{{-", "delimiter.template"],
      ["range", "keyword.template"],
      ["$i", "variable.template"],
      [",", "operator.template"],
      ["$host", "variable.template"],
      [":=", "operator.template"],
      [".Values.hosts", "values.template"],
      ["}}", "delimiter.template"],
    ]);
    expect(significant('{{ include "web.labels" . | nindent 4 }}')).toEqual([
      ["{{", "delimiter.template"],
      ["include", "function.template"],
      ['"web.labels"', "string.template"],
      [".", "field.template"],
      ["|", "operator.template"],
      ["nindent", "function.template"],
      ["4", "number.template"],
      ["}}", "delimiter.template"],
    ]);
    expect(significant("{{ if and .Release.IsInstall (eq $.Values.mode true) -}}").map(([t, k]) => `${t}=${k}`)).toEqual([
      "{{=delimiter.template",
      "if=keyword.template",
      "and=function.template",
      ".Release.IsInstall=field.template",
      "(=operator.template",
      "eq=function.template",
      "$.Values.mode=values.template",
      "true=constant.template",
      ")=operator.template",
      "-}}=delimiter.template",
    ]);
  });
  it("carries an open action to the next line", () => {
    const first = tokenizeLine("{{- with .Values.podAnnotations");
    expect(first.state.inAction).toBe(true);
    expect(significant("  | toYaml }}", first.state)).toEqual([
      ["|", "operator.template"],
      ["toYaml", "function.template"],
      ["}}", "delimiter.template"],
    ]);
    expect(tokenizeLine("  | toYaml }}", first.state).state.inAction).toBe(false);
  });
  it("treats comments, also across lines, as comments", () => {
    expect(significant("{{/* a comment */}}")).toEqual([["{{/* a comment */", "comment.template"], ["}}", "delimiter.template"]]);
    const open = tokenizeLine("{{- /*");
    expect(open.state.inComment).toBe(true);
    expect(significant("Expand the name of the chart.", open.state)).toEqual([["Expand the name of the chart.", "comment.template"]]);
    const closing = tokenizeLine("*/}}", open.state);
    expect(closing.state).toEqual(initialState);
  });
  it("does not take a .Values prefix of a longer name for a values path", () => {
    expect(significant("{{ .ValuesFile }}")[1]).toEqual([".ValuesFile", "field.template"]);
  });
});

describe("YAML around actions", () => {
  it("colours keys, comments, strings and numbers", () => {
    expect(significant("replicaCount: 1 # how many")).toEqual([
      ["replicaCount", "key"],
      [":", "delimiter"],
      ["1", "number"],
      ["# how many", "comment"],
    ]);
    expect(significant('  - name: "http"')).toEqual([
      ["-", "text"],
      ["name", "key"],
      [":", "delimiter"],
      ['"http"', "string"],
    ]);
    expect(significant("# only a comment")).toEqual([["# only a comment", "comment"]]);
  });
  it("keeps a # inside a value as text", () => {
    expect(significant("color: a#b")).toEqual([["color", "key"], [":", "delimiter"], ["a#b", "text"]]);
  });
});
