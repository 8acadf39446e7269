// Copyable commands that consume a published version, as users type them.

export interface Snippet {
  label: string;
  text: string;
}

export function consumptionSnippets(origin: string, kind: string, name: string, version: string): Snippet[] {
  const url = new URL(origin);
  const host = url.host;
  const http = url.protocol === "http:";
  const plain = http ? " --plain-http" : "";
  const snippets: Snippet[] = [];
  if (kind === "charts") {
    snippets.push({ label: "helm pull", text: `helm pull oci://${host}/charts/${name} --version ${version}${plain}` });
    snippets.push({ label: "helm install", text: `helm install ${name} oci://${host}/charts/${name} --version ${version}${plain}` });
  }
  if (kind === "kustomize-bases") {
    snippets.push({ label: "Kustomize remote base", text: `resources:\n  - ${origin}/git/${kind}/${name}.git?ref=${version}` });
  }
  snippets.push({
    label: "Flux OCIRepository",
    text: [
      "apiVersion: source.toolkit.fluxcd.io/v1beta2",
      "kind: OCIRepository",
      "metadata:",
      `  name: ${name}`,
      "  namespace: flux-system",
      "spec:",
      "  interval: 10m",
      `  url: oci://${host}/${kind}/${name}`,
      "  ref:",
      `    tag: ${version}`,
      ...(http ? ["  insecure: true"] : []),
      "  secretRef:",
      "    name: gitopshq-registry",
      ...(kind === "charts" ? ["  layerSelector:", "    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip", "    operation: copy"] : []),
    ].join("\n"),
  });
  snippets.push({ label: "git clone", text: `git clone --branch ${version} ${origin}/git/${kind}/${name}.git` });
  return snippets;
}
