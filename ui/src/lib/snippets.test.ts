import { describe, expect, it } from "vitest";
import { defaultCommitMessage } from "./changes";
import { consumptionSnippets } from "./snippets";

describe("consumptionSnippets", () => {
  it("gives helm commands for charts, plain HTTP flagged", () => {
    const s = consumptionSnippets("http://127.0.0.1:5080", "charts", "web", "1.2.0");
    expect(s.find((x) => x.label === "helm pull")?.text).toBe("helm pull oci://127.0.0.1:5080/charts/web --version 1.2.0 --plain-http");
    expect(s.find((x) => x.label === "git clone")?.text).toBe("git clone --branch 1.2.0 http://127.0.0.1:5080/git/charts/web.git");
    expect(s.find((x) => x.label === "Flux OCIRepository")?.text).toContain("url: oci://127.0.0.1:5080/charts/web\n  ref:\n    tag: 1.2.0\n  insecure: true");
  });
  it("gives a remote base line for kustomize bases and nothing helm-specific", () => {
    const s = consumptionSnippets("https://hq.example.com", "kustomize-bases", "base", "1.0.0");
    expect(s.map((x) => x.label)).toEqual(["Kustomize remote base", "Flux OCIRepository", "git clone"]);
    expect(s[0]!.text).toBe("resources:\n  - https://hq.example.com/git/kustomize-bases/base.git?ref=1.0.0");
    expect(s[1]!.text).not.toContain("insecure");
  });
});

describe("defaultCommitMessage", () => {
  it("names the change", () => {
    expect(defaultCommitMessage([{ kind: "write", path: "values.yaml", isNew: false }])).toBe("Update values.yaml");
    expect(defaultCommitMessage([{ kind: "rename", from: "a.yaml", to: "b.yaml" }, { kind: "write", path: "kustomization.yaml", isNew: false }])).toBe(
      "Rename a.yaml to b.yaml and update kustomization.yaml",
    );
    expect(defaultCommitMessage([{ kind: "delete", path: "x" }, { kind: "write", path: "y", isNew: true }, { kind: "write", path: "z", isNew: true }])).toBe(
      "Delete x and 2 more files",
    );
  });
});
