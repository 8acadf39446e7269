import { describe, expect, it } from "vitest";
import { kustomizationEdits } from "./kustomization";

const base = `# The web base
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - ./service.yaml # the service
patches:
  - path: replicas.yaml
    target:
      kind: Deployment
`;

const tree = (extra: Record<string, string> = {}) => new Map(Object.entries({ "kustomization.yaml": base, "deployment.yaml": "", ...extra }));

describe("kustomizationEdits", () => {
  it("adds a new resource file to resources, keeping comments", () => {
    const [edit] = kustomizationEdits(tree(), { kind: "add", path: "configmap.yaml" });
    expect(edit?.path).toBe("kustomization.yaml");
    expect(edit?.text).toContain("  - ./service.yaml # the service\n  - configmap.yaml\n");
    expect(edit?.text.startsWith("# The web base\n")).toBe(true);
    expect(edit?.summary).toBe("add configmap.yaml to resources");
  });
  it("does not add what is already listed, nor files of another folder or non-manifests", () => {
    expect(kustomizationEdits(tree(), { kind: "add", path: "deployment.yaml" })).toEqual([]);
    expect(kustomizationEdits(tree(), { kind: "add", path: "overlays/x.yaml" })).toEqual([]);
    expect(kustomizationEdits(tree(), { kind: "add", path: "README.md" })).toEqual([]);
  });
  it("creates the resources list when there is none", () => {
    const [edit] = kustomizationEdits(new Map([["kustomization.yaml", "namePrefix: a-\n"]]), { kind: "add", path: "cm.yaml" });
    expect(edit?.text).toBe("namePrefix: a-\nresources:\n  - cm.yaml\n");
  });
  it("renames in resources (keeping ./) and in patches", () => {
    const [edit] = kustomizationEdits(tree(), { kind: "rename", from: "service.yaml", to: "svc.yaml" });
    expect(edit?.text).toContain("  - ./svc.yaml # the service\n");
    const [patch] = kustomizationEdits(tree(), { kind: "rename", from: "replicas.yaml", to: "patches/replicas.yaml" });
    expect(patch?.text).toContain("  - path: patches/replicas.yaml\n");
    expect(patch?.summary).toBe("rename replicas.yaml to patches/replicas.yaml in patches");
  });
  it("removes a deleted file from resources", () => {
    const [edit] = kustomizationEdits(tree(), { kind: "remove", path: "deployment.yaml" });
    expect(edit?.text).not.toContain("deployment.yaml");
    expect(edit?.text).toContain("./service.yaml");
  });
  it("uses paths relative to a kustomization in a folder", () => {
    const files = new Map([["overlays/prod/kustomization.yaml", "resources:\n  - app.yaml\n"]]);
    const [edit] = kustomizationEdits(files, { kind: "rename", from: "overlays/prod/app.yaml", to: "overlays/prod/web.yaml" });
    expect(edit?.text).toBe("resources:\n  - web.yaml\n");
    expect(kustomizationEdits(files, { kind: "remove", path: "app.yaml" })).toEqual([]);
  });
  it("leaves a kustomization that does not parse alone", () => {
    expect(kustomizationEdits(new Map([["kustomization.yaml", "resources: [\n"]]), { kind: "add", path: "a.yaml" })).toEqual([]);
  });
});
