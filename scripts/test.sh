#!/usr/bin/env bash
# Builds everything and runs the whole test suite: the .NET tests, the browser app's unit tests (vitest) and its
# browser tests (Playwright driving Debian's chromium against servers the tests start).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
scripts/build.sh
dotnet test GitOpsHQ.sln -c Release --nologo -v quiet --no-build
# The server's storage suite once more with every test server on PostgreSQL (a temporary cluster the tests start and
# stop): users, sessions, tokens, the audit trail, credentials, external sources, workloads and the catalog index behave
# alike on both engines.
storage="AuthTests|SessionTests|PasswordTests|RegistryTokenTests|TokenUsageTests|ExpiryTests|AccessTests|ArtifactTests|CatalogOrderTests"
storage="$storage|RenderAndIndexTests|CleanRefusalTests|.Audit.|.ExternalSources.|.Workloads.|DatabaseProviderTests"
GITOPSHQ_TEST_DATABASE=postgres dotnet test tests/Server.Tests -c Release --nologo -v quiet --no-build \
  --filter "$(echo "$storage" | sed 's/\([^|]*\)/FullyQualifiedName~\1/g')"
(cd ui && npx vitest run && npx playwright test)
