#!/usr/bin/env bash
# Builds the browser app (TypeScript generated from protos/, type-checked, bundled into ui/dist) and then the
# server, which serves ui/dist as its web root.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build --silent)
dotnet build GitOpsHQ.sln -c Release --nologo -v quiet -clp:ErrorsOnly
