#!/usr/bin/env bash
# Builds everything and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
dotnet test GitOpsHQ.sln -c Release --nologo -v quiet
