// YAML syntax problems of a file as the user types, with 1-based line and column ranges.
import { parseAllDocuments } from "yaml";

export interface Problem {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** Whether `path` is YAML the editor checks as it is typed (chart templates are Go templates, not YAML). */
export function isCheckedYaml(path: string, sourceType: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  if (sourceType === "helm" && /(^|\/)templates\//.test(path)) return false;
  return true;
}

export function yamlProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  for (const doc of parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true })) {
    if (!("errors" in doc)) continue;
    for (const error of doc.errors) {
      const [start, end] = error.linePos ?? [];
      const line = start?.line ?? 1, column = start?.col ?? 1;
      problems.push({
        line,
        column,
        endLine: end?.line ?? line,
        endColumn: end?.col ?? column + 1,
        message: error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      });
    }
  }
  return problems;
}
