import { describe, expect, it } from "vitest";
import { isCheckedYaml, yamlProblems } from "./yamlCheck";

describe("yamlProblems", () => {
  it("finds nothing in valid YAML, with several documents", () => {
    expect(yamlProblems("a: 1\nb:\n  - c\n---\nkind: x\n")).toEqual([]);
  });
  it("reports a syntax error at its line", () => {
    const [problem] = yamlProblems("replicaCount: 1\nimage:\n  tag: [unclosed\nservice: {}\n");
    expect(problem).toBeDefined();
    expect(problem!.line).toBeGreaterThanOrEqual(3);
    expect(problem!.message.length).toBeGreaterThan(0);
  });
  it("reports bad indentation and duplicate keys", () => {
    expect(yamlProblems("a:\n  b: 1\n c: 2\n").length).toBeGreaterThan(0);
    const [dup] = yamlProblems("a: 1\na: 2\n");
    expect(dup?.line).toBe(2);
    expect(dup?.message).toMatch(/unique/i);
  });
});

describe("isCheckedYaml", () => {
  it("skips chart templates, which are Go templates", () => {
    expect(isCheckedYaml("values.yaml", "helm")).toBe(true);
    expect(isCheckedYaml("templates/deployment.yaml", "helm")).toBe(false);
    expect(isCheckedYaml("charts/sub/templates/x.yml", "helm")).toBe(false);
    expect(isCheckedYaml("templates/deployment.yaml", "manifests")).toBe(true);
    expect(isCheckedYaml("README.md", "kustomize")).toBe(false);
  });
});
