#!/usr/bin/env bash
# Git smart HTTP figures, in one run on this machine:
#  - clone of a repository with 1,000 commits and 200 annotated tags through GitOpsHQ, against the same clone
#    from `git http-backend` behind nginx + fcgiwrap (hyperfine);
#  - p50 of `git push` of one commit + an annotated tag that publishes a chart.
# Usage: bench/git-http/run.sh [SERVER_DLL]   (build first: dotnet build -c Release GitOpsHQ.sln)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server_dll=${1:-$root/src/Server/bin/Release/net10.0/GitOpsHQ.Server.dll}
for tool in nginx fcgiwrap hyperfine curl; do
  command -v $tool >/dev/null || { apt-get install -y -qq nginx fcgiwrap hyperfine curl >/dev/null; break; }
done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export GIT_CONFIG_NOSYSTEM=1 HOME=$work GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com

# 1,000 commits and 200 annotated tags, written with fast-import.
repo=$work/data/repos/manifest-bundles/history.git
git init -q --bare -b main "$repo"
{
  for i in $(seq 1 1000); do
    body="apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  revision: \"$i\"
  payload: \"$(printf '%064d' $i)\"
"
    printf 'commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\ndata %d\n%s\n' $i $((1700000000 + i * 60)) ${#i} "$i"
    [ $i -gt 1 ] && printf 'from :%d\n' $((i - 1))
    printf 'M 100644 inline settings-%d.yaml\ndata %d\n%s\n' $((i % 50)) ${#body} "$body"
    if [ $((i % 5)) -eq 0 ]; then
      printf 'tag %d.0.0\nfrom :%d\ntagger Bench <bench@example.com> %d +0000\ndata 8\nrelease\n' $((i / 5)) $i $((1700000000 + i * 60 + 1))
    fi
  done
} | git --git-dir="$repo" fast-import --quiet
git --git-dir="$repo" gc -q

port=$(free_port)
dotnet "$server_dll" --data "$work/data" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
pids+=($!)
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.1; done
token=$(cat "$work/data/admin-token")

# git http-backend behind nginx + fcgiwrap, serving the same repositories folder.
nport=$(free_port)
mkdir -p "$work/nginx/logs"
fcgiwrap -s "unix:$work/fcgi.sock" &
pids+=($!)
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
user root;
worker_processes 1;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  server {
    listen 127.0.0.1:$nport;
    location ~ ^/git(/.*) {
      client_max_body_size 0;
      fastcgi_pass unix:$work/fcgi.sock;
      include /etc/nginx/fastcgi_params;
      fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
      fastcgi_param GIT_PROJECT_ROOT $work/data/repos;
      fastcgi_param GIT_HTTP_EXPORT_ALL "";
      fastcgi_param PATH_INFO \$1;
    }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
until curl -s -o /dev/null "http://127.0.0.1:$nport/"; do sleep 0.1; done

echo "== clone: 1,000 commits, 200 tags"
hyperfine --warmup 2 --runs 20 --style basic \
  -n gitopshq "git clone -q --bare http://bench:$token@127.0.0.1:$port/git/manifest-bundles/history.git $work/c1 && rm -rf $work/c1" \
  -n "http-backend (nginx+fcgiwrap)" "git clone -q --bare http://127.0.0.1:$nport/git/manifest-bundles/history.git $work/c2 && rm -rf $work/c2"

echo "== push one commit + annotated tag that publishes a chart (20 pushes)"
curl -sf -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
  -X POST "http://127.0.0.1:$port/api/v2/org-charts" -d '{"name":"web","scaffold":true}' >/dev/null
git clone -q "http://bench:$token@127.0.0.1:$port/git/charts/web.git" "$work/web"
cd "$work/web"
times=()
for i in $(seq 1 20); do
  sed -i "s/^version: .*/version: 1.$i.0/" Chart.yaml
  git commit -qam "Release 1.$i.0"
  git tag -a "1.$i.0" -m "Release 1.$i.0"
  start=$(date +%s%N)
  git push -q origin main "1.$i.0" 2>/dev/null
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "push + publish: p50 ${sorted[9]} ms, p95 ${sorted[18]} ms, max ${sorted[19]} ms (n=20)"
published=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v2/org-charts/web/versions?pageSize=100" | grep -o '"version":"1\.[0-9]*\.0"' | wc -l)
echo "versions published: $published"
