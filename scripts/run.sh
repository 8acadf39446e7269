#!/usr/bin/env bash
# Builds everything and starts the server on the embedded default (http://127.0.0.1:5080, data in ./data).
# Extra arguments go to the server, e.g. scripts/run.sh --urls http://127.0.0.1:8080 --data /srv/gitopshq
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh
scripts/build.sh
exec dotnet src/Server/bin/Release/net10.0/GitOpsHQ.Server.dll --data ./data --urls http://127.0.0.1:5080 "$@"
