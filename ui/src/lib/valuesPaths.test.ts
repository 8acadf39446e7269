import { describe, expect, it } from "vitest";
import { completeValues, valuesPathAt } from "./valuesPaths";

const values = `# Default values
replicaCount: 1
image:
  repository: nginx
  pullPolicy: IfNotPresent
  # Overrides the image tag.
  tag: ""
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: false
  hosts:
    - host: chart-example.local
resources: {}
nodeSelector:
`;

describe("valuesPathAt", () => {
  it("finds the typed path inside an action", () => {
    expect(valuesPathAt("image: {{ .Values.image.ta")).toEqual({ path: ["image"], partial: "ta" });
    expect(valuesPathAt("  replicas: {{ .Values.")).toEqual({ path: [], partial: "" });
    expect(valuesPathAt("{{- if $.Values.ingress.")).toEqual({ path: ["ingress"], partial: "" });
    expect(valuesPathAt("{{ default 1 (.Values.service.p")).toEqual({ path: ["service"], partial: "p" });
    expect(valuesPathAt("{{ .Values.a | quote | .Values.b.")).toEqual({ path: ["b"], partial: "" });
  });
  it("is null outside an action or outside .Values", () => {
    expect(valuesPathAt("image: .Values.image.")).toBeNull();
    expect(valuesPathAt("{{ .Values.image }} .Values.")).toBeNull();
    expect(valuesPathAt("{{ .Chart.Name")).toBeNull();
    expect(valuesPathAt("{{ .Values")).toBeNull();
    expect(valuesPathAt("{{ .ValuesX.")).toBeNull();
  });
});

describe("completeValues", () => {
  it("lists top-level keys in file order with their kinds", () => {
    const keys = completeValues(values, []);
    expect(keys.map((k) => k.key)).toEqual(["replicaCount", "image", "service", "ingress", "resources", "nodeSelector"]);
    expect(keys.find((k) => k.key === "replicaCount")).toMatchObject({ kind: "number", detail: "1" });
    expect(keys.find((k) => k.key === "image")).toMatchObject({ kind: "map", detail: "{ repository, pullPolicy, tag }" });
    expect(keys.find((k) => k.key === "nodeSelector")?.kind).toBe("null");
  });
  it("descends into nested maps and filters by the typed prefix", () => {
    expect(completeValues(values, ["image"], "p").map((k) => k.key)).toEqual(["pullPolicy"]);
    expect(completeValues(values, ["ingress"]).map((k) => [k.key, k.kind])).toEqual([["enabled", "boolean"], ["hosts", "list"]]);
  });
  it("offers nothing under scalars, lists, unknown keys or broken YAML", () => {
    expect(completeValues(values, ["replicaCount"])).toEqual([]);
    expect(completeValues(values, ["ingress", "hosts"])).toEqual([]);
    expect(completeValues(values, ["nope"])).toEqual([]);
    expect(completeValues("a: [1,\n", [])).toEqual([]);
  });
});
