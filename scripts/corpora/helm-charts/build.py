#!/usr/bin/env python3
"""Lays out the public Helm chart corpus that tests/HelmEngine.Tests compares with `helm template`.

corpus.json beside this script names every chart by repository, commit and path, every dependency vendored into its
charts/ folder (repository path and commit, in the order the chart's Chart.yaml lists them, depth first) and the
variants rendered (values files and flags). This script takes each from a local Git copy of its repository and writes
OUT/charts/PUBLISHER/NAME, OUT/values and OUT/corpus.json; tests read OUT through GITOPSHQ_HELM_CORPUS (or
../shared/corpora/helm beside the repository).

Usage: build.py MIRRORS OUT
  MIRRORS holds one Git copy per repository, named OWNER+NAME (a bare repository, or a folder with repo/ or
  repo/.git inside), each holding the commit corpus.json names.
"""
import io, json, os, shutil, subprocess, sys, tarfile

import yaml  # Debian: python3-yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def git_dir(mirrors, repo):
    base = os.path.join(mirrors, repo.replace("/", "+"))
    for candidate in (os.path.join(base, "repo", ".git"), os.path.join(base, "repo"), base):
        if os.path.isdir(candidate) and os.path.exists(os.path.join(candidate, "HEAD")):
            return candidate
    sys.exit(f"no Git copy of {repo} under {mirrors} (looked for {base})")


def extract(mirrors, repo, commit, path, dest):
    """Writes the folder `path` of `repo` at `commit` to `dest` (regular files and folders only)."""
    try:
        data = subprocess.run(["git", "--git-dir", git_dir(mirrors, repo), "archive", "--format=tar", commit, "." if path in ("", ".") else path + "/"],
                              check=True, capture_output=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit(f"{repo}@{commit}:{path}: {e.stderr.decode().strip()}")
    shutil.rmtree(dest, ignore_errors=True)
    prefix = "" if path in ("", ".") else path.rstrip("/") + "/"
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            if not member.name.startswith(prefix) or not (member.isfile() or member.isdir()):
                continue
            relative = member.name[len(prefix):]
            if not relative or relative.startswith("/") or ".." in relative.split("/"):
                continue
            target = os.path.join(dest, relative)
            if member.isdir():
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(archive.extractfile(member).read())


def dependency_names(chart_dir):
    """The dependencies Chart.yaml (or, for apiVersion v1 charts, requirements.yaml) lists, in order."""
    names = []
    for file in ("Chart.yaml", "requirements.yaml"):
        path = os.path.join(chart_dir, file)
        if os.path.exists(path):
            names += [d["name"] for d in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("dependencies") or []]
    return names


def vendor(mirrors, chart_dir, records, chart_id):
    """Replays the recorded dependencies into chart_dir/charts, depth first, in Chart.yaml's order."""
    for name in dependency_names(chart_dir):
        if not records:
            sys.exit(f"{chart_id}: Chart.yaml lists {name}, corpus.json records no more dependencies")
        record = records.pop(0)
        if record["name"] != name:
            sys.exit(f"{chart_id}: Chart.yaml lists {name} where corpus.json records {record['name']}")
        if record.get("from") == "in repository":
            continue
        source, commit = record["vendored"].rsplit("@", 1)
        publisher, path = source.split(":", 1)
        target = os.path.join(chart_dir, "charts", name)
        extract(mirrors, REPOS[publisher], commit, path, target)
        vendor(mirrors, target, records, chart_id)


if len(sys.argv) != 3:
    sys.exit(__doc__)
mirrors, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
manifest = json.load(open(os.path.join(HERE, "corpus.json"), encoding="utf-8"))
REPOS = {chart["publisher"]: chart["repo"] for chart in manifest["charts"]}
os.makedirs(out, exist_ok=True)
for chart in manifest["charts"]:
    dest = os.path.join(out, chart["dir"])
    extract(mirrors, chart["repo"], chart["commit"], chart["path"], dest)
    records = list(chart["dependencies"])
    vendor(mirrors, dest, records, chart["id"])
    if records:
        sys.exit(f"{chart['id']}: corpus.json records dependencies Chart.yaml does not list: {[r['name'] for r in records]}")
shutil.rmtree(os.path.join(out, "values"), ignore_errors=True)
shutil.copytree(os.path.join(HERE, "values"), os.path.join(out, "values"))
shutil.copy(os.path.join(HERE, "corpus.json"), os.path.join(out, "corpus.json"))
print(f"{len(manifest['charts'])} charts in {out}")
