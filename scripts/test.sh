#!/usr/bin/env bash
# Builds everything and runs the whole test suite: the .NET tests, the browser app's unit tests (vitest) and its
# browser tests (Playwright driving Debian's chromium against servers the tests start).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
scripts/build.sh
dotnet test GitOpsHQ.sln -c Release --nologo -v quiet --no-build
(cd ui && npx vitest run && npx playwright test)
