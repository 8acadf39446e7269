import { describe, expect, it } from "vitest";
import { renderedObjects } from "./documents";

describe("renderedObjects", () => {
  it("lists kind, name, line and source of each document", () => {
    const stream = `---
# Source: web/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: shop-web
  labels:
    name: not-this
spec: {}
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: x
  name: "shop-web"
`;
    expect(renderedObjects(stream)).toEqual([
      { kind: "Service", name: "shop-web", line: 2, source: "web/templates/service.yaml" },
      { kind: "Deployment", name: "shop-web", line: 11, source: "web/templates/deployment.yaml" },
    ]);
  });
  it("reads a stream without separators or names", () => {
    expect(renderedObjects("kind: ConfigMap\ndata: {}\n")).toEqual([{ kind: "ConfigMap", name: "", line: 1, source: "" }]);
    expect(renderedObjects("")).toEqual([]);
  });
});
