#!/usr/bin/env bash
# Three replicas versus one on this machine: manifest GET throughput through nginx as the balancer, and publish p50 on
# PostgreSQL versus SQLite. Starts its own PostgreSQL cluster, redis-server, server processes and nginx in a temporary
# folder and stops them at the end. Build first: dotnet build -c Release GitOpsHQ.sln
#   bench/replicas/run.sh [SECONDS=20] [CLIENTS=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
clients=${2:-32}
server=$PWD/src/Server/bin/Release/net10.0/GitOpsHQ.Server.dll
bench="dotnet $PWD/bench/Catalog.Bench/bin/Release/net10.0/catalog-bench.dll"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/gitopshq-replicas.XXXXXX)
chmod 755 "$work"
pids=()
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(setpriv --reuid=postgres --regid=postgres --clear-groups --reset-env)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

pgport=$(port); mkdir -p "$work/pg" "$work/run"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg" "$work/run"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/run/pg.log" -w -o "-p $pgport -k $work/run -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
redisport=$(port)
redis-server --port "$redisport" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >/dev/null & pids+=($!)
db() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE $1" >/dev/null; echo "Host=127.0.0.1;Port=$pgport;Database=$1;Username=postgres;Maximum Pool Size=50"; }

# start_replicas NAME COUNT PROVIDER: data folder NAME, COUNT replicas, nginx in front; sets $url and $token.
start_replicas() {
  local name=$1 count=$2 provider=$3 data="$work/$1" upstream="" settings=()
  mkdir -p "$data"
  if [ "$provider" = postgres ]; then
    settings=(--Database:Provider=postgres "--Database:ConnectionString=$(db "$name")" --Redis:Configuration=127.0.0.1:$redisport "--Cluster:Replicas=$count")
  fi
  settings+=(--OciRegistry:RateLimit:RequestsPerMinute=100000000 --Logging:LogLevel:Default=Warning)
  for i in $(seq "$count"); do
    local p; p=$(port)
    dotnet "$server" --data "$data" --urls "http://127.0.0.1:$p" "${settings[@]}" >"$work/$name-$i.log" 2>&1 & pids+=($!)
    upstream="$upstream server 127.0.0.1:$p;"
    until curl -sf "http://127.0.0.1:$p/healthz" >/dev/null 2>&1; do sleep 0.2; done
  done
  local lb; lb=$(port)
  mkdir -p "$work/nginx-$name"
  cat >"$work/nginx-$name/nginx.conf" <<CONF
daemon off; worker_processes auto; $( [ "$(id -u)" -eq 0 ] && echo "user root;" ) pid $work/nginx-$name/pid;
error_log $work/nginx-$name/error.log warn;
events { worker_connections 4096; }
http { access_log off; client_body_temp_path $work/nginx-$name/body; proxy_temp_path $work/nginx-$name/proxy;
  fastcgi_temp_path $work/nginx-$name/f; uwsgi_temp_path $work/nginx-$name/u; scgi_temp_path $work/nginx-$name/s;
  upstream gitopshq { $upstream keepalive 64; }
  server { listen 127.0.0.1:$lb; client_max_body_size 0;
    location / { proxy_pass http://gitopshq; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$http_host; } } }
CONF
  nginx -p "$work/nginx-$name" -c "$work/nginx-$name/nginx.conf" -e "$work/nginx-$name/error.log" & pids+=($!)
  url="http://127.0.0.1:$lb"
  until curl -sf "$url/healthz" >/dev/null 2>&1; do sleep 0.2; done
  token=$(cat "$data/admin-token")
}

manifest_path() {
  curl -sfH "Authorization: Bearer $token" -X POST "$url/api/v2/org-charts" -d '{"name": "web", "scaffold": true}' >/dev/null
  curl -sfH "Authorization: Bearer $token" -X POST "$url/api/v2/org-charts/web/versions" -d '{"version": "0.1.0"}' >/dev/null
  echo /v2/charts/web/manifests/0.1.0
}

echo "== one process, SQLite (the embedded default)"
start_replicas sqlite 1 sqlite
$bench --load "$url" "$(manifest_path)" --token "$token" --clients "$clients" --seconds "$seconds"
$bench --publish "$url" --token "$token" --count 100
echo "== one replica, PostgreSQL + Redis"
start_replicas pg1 1 postgres
$bench --load "$url" "$(manifest_path)" --token "$token" --clients "$clients" --seconds "$seconds"
$bench --publish "$url" --token "$token" --count 100
echo "== three replicas, PostgreSQL + Redis, one shared data folder"
start_replicas pg3 3 postgres
$bench --load "$url" "$(manifest_path)" --token "$token" --clients "$clients" --seconds "$seconds"
$bench --publish "$url" --token "$token" --count 100
