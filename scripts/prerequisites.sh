#!/usr/bin/env bash
# Installs what building and testing need on a Debian machine with the .NET SDK, Node and npm.
set -euo pipefail
need=()
command -v git >/dev/null || need+=(git)
command -v curl >/dev/null || need+=(curl)   # the repositories' pre-receive hook calls the server with curl
command -v jq >/dev/null || need+=(jq)       # the README's walk-through (run as written by the tests) uses jq
command -v skopeo >/dev/null || need+=(skopeo) # an independent OCI client for the registry tests
[ -x /usr/bin/docker-registry ] || need+=(docker-registry) # an external registry (CNCF Distribution) for the chart source tests
command -v htpasswd >/dev/null || need+=(apache2-utils)    # its htpasswd (Basic) users
command -v chromium >/dev/null || need+=(chromium) # the browser app's tests drive Debian's chromium
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql) # the storage and replica tests start their own cluster
command -v redis-server >/dev/null || need+=(redis-server) # what replicas share (rate limit, notices, leases)
command -v nginx >/dev/null || need+=(nginx-light)        # blob downloads handed to a fronting nginx; the replica tests' balancer
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"
  else sudo apt-get update -qq && sudo apt-get install -y -qq "${need[@]}"; fi
fi
# The Helm template oracle (Go's text/template + Sprig from Debian packages) for the engine's differential tests.
oracle_build="$(pwd)/../shared/oracle/build.sh"
if [ ! -x .cache/helm-oracle ] && [ -f "$oracle_build" ]; then
  bash "$oracle_build" .cache/helm-oracle >/dev/null
fi
dotnet restore GitOpsHQ.sln --nologo -v quiet
# The browser app's packages, exactly as locked (none downloads a binary at install time).
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
