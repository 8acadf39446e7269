#!/usr/bin/env bash
# 100 MiB blob GET: the server sending it itself, against the same server behind nginx with the download offloaded
# (--OciRegistry:Offload:AccelRedirect=/_blobs/, deploy/gitopshq/files/nginx-locations.conf), and nginx serving the
# file as a static file with no server involved (the floor). hyperfine around curl, one run; then the CPU time the
# server process (and nginx) spend per download, which busy cores do not blur as they blur wall time.
# Usage: bench/oci/offload.sh [SERVER_DLL]   (build first: dotnet build -c Release GitOpsHQ.sln)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server_dll=${1:-$root/src/Server/bin/Release/net10.0/GitOpsHQ.Server.dll}
for tool in nginx hyperfine curl; do
  command -v $tool >/dev/null || { apt-get install -y -qq nginx-light hyperfine curl >/dev/null; break; }
done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Two servers with their own data folders: one sends blobs itself, one hands them to nginx.
direct=$(free_port) offload=$(free_port) front=$(free_port)
dotnet "$server_dll" --data "$work/direct" --urls "http://127.0.0.1:$direct" --OciRegistry:RateLimit:RequestsPerMinute=100000000 >"$work/direct.log" 2>&1 &
direct_pid=$!
pids+=($direct_pid)
dotnet "$server_dll" --data "$work/offload" --urls "http://127.0.0.1:$offload" --OciRegistry:RateLimit:RequestsPerMinute=100000000 \
  --OciRegistry:Offload:AccelRedirect=/_blobs/ --OciRegistry:RateLimit:TrustedProxies:0=127.0.0.1 >"$work/offload.log" 2>&1 &
offload_pid=$!
pids+=($offload_pid)

mkdir -p "$work/nginx" "$work/static"
sed "s#DATA_FOLDER#$work/offload#" "$root/deploy/gitopshq/files/nginx-locations.conf" >"$work/nginx/locations.conf"
user=""; [ "$(id -u)" -eq 0 ] && user="user root;"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
$user
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream gitopshq { server 127.0.0.1:$offload; keepalive 16; }
  server { listen 127.0.0.1:$front; include $work/nginx/locations.conf; }
  server { listen 127.0.0.1:$((front + 1)); root $work/static; sendfile on; }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
pids+=($nginx_pid)
until curl -sf "http://127.0.0.1:$direct/healthz" >/dev/null && curl -sf "http://127.0.0.1:$front/healthz" >/dev/null; do sleep 0.2; done

head -c $((100 * 1024 * 1024)) /dev/urandom >"$work/static/blob100"
digest="sha256:$(sha256sum "$work/static/blob100" | cut -d' ' -f1)"
for base in "http://127.0.0.1:$direct" "http://127.0.0.1:$front"; do
  folder=direct; [ "$base" = "http://127.0.0.1:$front" ] && folder=offload
  token=$(cat "$work/$folder/admin-token")
  curl -sf -o /dev/null -u "bench:$token" -X POST -H "Content-Type: application/octet-stream" --data-binary "@$work/static/blob100" \
    "$base/v2/bench/big/blobs/uploads/?digest=$digest"
done
direct_auth="bench:$(cat "$work/direct/admin-token")"
offload_auth="bench:$(cat "$work/offload/admin-token")"
# Both answers must be the blob itself.
for url in "http://127.0.0.1:$direct/v2/bench/big/blobs/$digest -u $direct_auth" "http://127.0.0.1:$front/v2/bench/big/blobs/$digest -u $offload_auth"; do
  got=$(curl -sf $url | sha256sum | cut -d' ' -f1)
  [ "sha256:$got" = "$digest" ] || { echo "wrong bytes from $url" >&2; exit 1; }
done

echo "== 100 MiB blob GET"
hyperfine --warmup 2 --runs 20 --style basic \
  -n "server sends the blob" "curl -sf -o /dev/null -u $direct_auth http://127.0.0.1:$direct/v2/bench/big/blobs/$digest" \
  -n "through nginx, offloaded" "curl -sf -o /dev/null -u $offload_auth http://127.0.0.1:$front/v2/bench/big/blobs/$digest" \
  -n "nginx static file (floor)" "curl -sf -o /dev/null http://127.0.0.1:$((front + 1))/blob100"

# CPU time (user + system, ms) of processes (all their threads), summed.
tick_ms=$((1000 / $(getconf CLK_TCK)))
cpu_ms() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $((t * tick_ms)); }
nginx_pids() { echo $nginx_pid $(ps -o pid= --ppid $nginx_pid); }
downloads=20
# Per download: CPU the processes used during the downloads, less what they use idle over the same wall time.
per_download() { # name url auth pids...
  local name=$1 url=$2 auth=$3; shift 3
  local c0 c1 i0 i1 t0 t1
  c0=$(cpu_ms "$@"); t0=$(date +%s%N)
  for _ in $(seq $downloads); do curl -sf -o /dev/null -u "$auth" "$url"; done
  t1=$(date +%s%N); c1=$(cpu_ms "$@")
  i0=$(cpu_ms "$@"); sleep "$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')"; i1=$(cpu_ms "$@")
  echo "$(( (c1 - c0 - (i1 - i0)) / downloads )) ms (wall $(( (t1 - t0) / 1000000 / downloads )) ms, idle $(( (i1 - i0) / downloads )) ms)"
}
# Warm both servers up (JIT tiering, pools): a fresh process spends several ms of CPU per request on its first few hundred.
for _ in $(seq 300); do
  curl -sf -o /dev/null -I -u $direct_auth http://127.0.0.1:$direct/v2/bench/big/blobs/$digest
  curl -sf -o /dev/null -r 0-0 -u $offload_auth http://127.0.0.1:$front/v2/bench/big/blobs/$digest
done
echo "== CPU time per 100 MiB download ($downloads downloads each, idle use over the same time subtracted)"
echo "server sends the blob:    server $(per_download direct http://127.0.0.1:$direct/v2/bench/big/blobs/$digest $direct_auth $direct_pid)"
echo "through nginx, offloaded: server $(per_download offload http://127.0.0.1:$front/v2/bench/big/blobs/$digest $offload_auth $offload_pid)"
echo "                          nginx  $(per_download nginx http://127.0.0.1:$front/v2/bench/big/blobs/$digest $offload_auth $(nginx_pids))"
