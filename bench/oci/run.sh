#!/usr/bin/env bash
# Embedded OCI registry against Debian's docker-registry (CNCF Distribution), same machine, one run:
#  - manifest GET requests/s (wrk, 32 connections)
#  - 100 MiB blob GET and 100 MiB monolithic push (hyperfine around curl)
#  - peak server memory (VmHWM) while pushing and pulling a 1 GiB blob
# Usage: bench/oci/run.sh [SERVER_DLL]   (build first: dotnet build -c Release GitOpsHQ.sln)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
server_dll=${1:-$root/src/Server/bin/Release/net10.0/GitOpsHQ.Server.dll}
for tool in docker-registry wrk hyperfine skopeo curl; do
  command -v $tool >/dev/null || { apt-get install -y -qq docker-registry wrk hyperfine skopeo curl >/dev/null; break; }
done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
hwm() { awk '/VmHWM/ {print $2}' /proc/$1/status; }

# Distribution
dport=$(free_port)
cat >"$work/registry.yml" <<CONF
version: 0.1
log: { level: error, accesslog: { disabled: true } }
storage: { filesystem: { rootdirectory: $work/distribution }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$dport }
CONF
docker-registry serve "$work/registry.yml" >"$work/distribution.log" 2>&1 &
pids+=($!)

# GitOpsHQ, with the rate limit raised for the benchmark
gport=$(free_port)
dotnet "$server_dll" --data "$work/gitopshq" --urls "http://127.0.0.1:$gport" --OciRegistry:RateLimit:RequestsPerMinute=100000000 >"$work/gitopshq.log" 2>&1 &
gpid=$!
pids+=($gpid)
until curl -sf "http://127.0.0.1:$gport/healthz" >/dev/null && curl -s -o /dev/null "http://127.0.0.1:$dport/v2/"; do sleep 0.2; done
token=$(cat "$work/gitopshq/admin-token")
auth="Authorization: Basic $(printf 'bench:%s' "$token" | base64 -w0)"

# The same small image in both
mkdir -p "$work/layout/blobs/sha256"
python3 - "$work/layout" <<'PY'
import hashlib, json, os, sys, io, tarfile, gzip
root = sys.argv[1]
def blob(b):
    d = hashlib.sha256(b).hexdigest(); open(os.path.join(root, "blobs", "sha256", d), "wb").write(b); return "sha256:" + d, len(b)
raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w") as t:
    data = b"hello\n"; info = tarfile.TarInfo("hello.txt"); info.size = len(data); t.addfile(info, io.BytesIO(data))
layer, lsize = blob(gzip.compress(raw.getvalue(), mtime=0))
config, csize = blob(json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": []}}).encode())
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": csize},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer, "size": lsize}]}).encode()
m, msize = blob(manifest)
open(os.path.join(root, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
open(os.path.join(root, "index.json"), "w").write(json.dumps({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": m, "size": msize, "annotations": {"org.opencontainers.image.ref.name": "v1"}}]}))
PY
skopeo copy -q --dest-tls-verify=false "oci:$work/layout:v1" "docker://127.0.0.1:$dport/bench/app:v1"
skopeo copy -q --dest-tls-verify=false --dest-creds "bench:$token" "oci:$work/layout:v1" "docker://127.0.0.1:$gport/bench/app:v1"

accept="Accept: application/vnd.oci.image.manifest.v1+json"
echo "== manifest GET, wrk 32 connections, 10 s"
echo -n "distribution: "; wrk -t2 -c32 -d10s -H "$accept" "http://127.0.0.1:$dport/v2/bench/app/manifests/v1" | awk '/Requests\/sec/ {print $2 " req/s"}'
echo -n "gitopshq:     "; wrk -t2 -c32 -d10s -H "$accept" -H "$auth" "http://127.0.0.1:$gport/v2/bench/app/manifests/v1" | awk '/Requests\/sec/ {print $2 " req/s"}'

head -c $((100 * 1024 * 1024)) /dev/urandom >"$work/blob100"
digest100="sha256:$(sha256sum "$work/blob100" | cut -d' ' -f1)"
# A monolithic push as clients do it: POST to open the upload, one PUT with the whole body and the digest.
cat >"$work/push.sh" <<'PUSH'
#!/usr/bin/env bash
set -euo pipefail
base=$1 repo=$2 file=$3 digest=$4 header=${5:-X-None: 1}
location=$(curl -sf -D - -o /dev/null -X POST -H "$header" "$base/v2/$repo/blobs/uploads/" | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
case "$location" in http*) ;; *) location="$base$location" ;; esac
case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
curl -sf -o /dev/null -X PUT -H "$header" -H "Content-Type: application/octet-stream" -T "$file" "$location${sep}digest=$digest"
PUSH
chmod +x "$work/push.sh"
"$work/push.sh" "http://127.0.0.1:$dport" bench/big "$work/blob100" "$digest100"
"$work/push.sh" "http://127.0.0.1:$gport" bench/big "$work/blob100" "$digest100" "$auth"
echo "== 100 MiB blob GET"
hyperfine --warmup 1 --runs 10 --style basic \
  -n distribution "curl -sf -o /dev/null http://127.0.0.1:$dport/v2/bench/big/blobs/$digest100" \
  -n gitopshq "curl -sf -o /dev/null -H '$auth' http://127.0.0.1:$gport/v2/bench/big/blobs/$digest100"
echo "== 100 MiB monolithic push"
hyperfine --warmup 1 --runs 10 --style basic \
  -n distribution "$work/push.sh http://127.0.0.1:$dport bench/push $work/blob100 $digest100" \
  -n gitopshq "$work/push.sh http://127.0.0.1:$gport bench/push $work/blob100 $digest100 '$auth'"

echo "== peak memory moving a 1 GiB blob"
head -c $((1024 * 1024 * 1024)) /dev/zero >"$work/blob1g"
digest1g="sha256:$(sha256sum "$work/blob1g" | cut -d' ' -f1)"
before=$(hwm $gpid)
"$work/push.sh" "http://127.0.0.1:$gport" bench/huge "$work/blob1g" "$digest1g" "$auth"
curl -sf -o /dev/null -H "$auth" "http://127.0.0.1:$gport/v2/bench/huge/blobs/$digest1g"
after=$(hwm $gpid)
echo "gitopshq VmHWM: before ${before} kB, after ${after} kB, growth $(( (after - before) / 1024 )) MiB"
