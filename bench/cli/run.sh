#!/usr/bin/env bash
# `gitopshq kustomize DIR` and `gitopshq template DIR` in a large Git work tree against the same build in a small one:
# a 10 GiB work tree (sparse files, so it takes no disk) of 100,000 other files in 1,000 folders, with the overlay
# eight folders deep, beside a work tree holding only the overlay and its base. kubectl kustomize on both for scale.
# Usage: bench/cli/run.sh [CLI_DLL]   (build first: dotnet build -c Release GitOpsHQ.sln)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cli=${1:-$root/src/Clients/Cli/bin/Release/net10.0/gitopshq.dll}
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

app() {  # an overlay on a base and a small chart, under $1
  local at=$1/platform/clusters/eu-west/prod/apps/team-a/web
  mkdir -p "$at/base" "$at/overlays/prod" "$at/chart/templates"
  printf 'resources:\n- deployment.yaml\n- service.yaml\n' > "$at/base/kustomization.yaml"
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n' > "$at/base/deployment.yaml"
  printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n' > "$at/base/service.yaml"
  printf 'resources:\n- ../../base\nnamespace: prod\nnamePrefix: prod-\nimages:\n- name: nginx\n  newTag: "1.27"\nreplicas:\n- name: web\n  count: 3\n' > "$at/overlays/prod/kustomization.yaml"
  printf 'apiVersion: v2\nname: web\nversion: 1.0.0\n' > "$at/chart/Chart.yaml"
  printf 'replicas: 2\n' > "$at/chart/values.yaml"
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: "{{ .Values.replicas }}"\n' > "$at/chart/templates/cm.yaml"
  git init -q "$1"
}

small=$work/small
large=$work/large
app "$small"
app "$large"
echo "writing the large work tree (100,000 files, 10 GiB)..."
for d in $(seq 1 1000); do
  folder=$large/services/svc-$d/manifests
  mkdir -p "$folder"
  for f in $(seq 1 100); do printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c%d\n' "$f" > "$folder/cm-$f.yaml"; done
done
mkdir -p "$large/images"
for i in $(seq 1 10); do truncate -s 1G "$large/images/disk-$i.img"; done
echo "large work tree: $(find "$large" -type f | wc -l) files, $(du -sh --apparent-size "$large" | cut -f1) (apparent)"

overlay=platform/clusters/eu-west/prod/apps/team-a/web/overlays/prod
chart=platform/clusters/eu-west/prod/apps/team-a/web/chart
cmp <(dotnet "$cli" kustomize "$small/$overlay") <(kubectl kustomize "$large/$overlay")
cmp <(dotnet "$cli" kustomize "$large/$overlay") <(kubectl kustomize "$large/$overlay")
hyperfine -N --warmup 2 --runs 15 \
  -n "gitopshq kustomize, small work tree" "dotnet $cli kustomize $small/$overlay" \
  -n "gitopshq kustomize, 10 GiB work tree" "dotnet $cli kustomize $large/$overlay" \
  -n "kubectl kustomize, small work tree" "kubectl kustomize $small/$overlay" \
  -n "kubectl kustomize, 10 GiB work tree" "kubectl kustomize $large/$overlay" \
  -n "gitopshq template, small work tree" "dotnet $cli template $small/$chart" \
  -n "gitopshq template, 10 GiB work tree" "dotnet $cli template $large/$chart"
