package main

// The examples/*.md documents are runnable: their code blocks marked `<!-- @name -->` form one shell session that
// writes files and calls `kustomize build`. The session is run here with two stand-ins on PATH: `kustomize`, which
// records the tree and the directory built at every `build` (and answers with kubectl kustomize, so the rest of the
// session goes on), and `curl`, which serves files of kustomize's own repository from the source tree and refuses
// anything else.

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const fakeKustomize = `#!/bin/bash
# records each build: the tree under DEMO_HOME (or the working directory) and the directory built
snap="$KRUSTY_SNAPSHOTS"
if [ "$1" != build ]; then
  echo "$*" >>"$snap/unsupported"
  echo "kustomize $1 is not available here" >&2
  exit 1
fi
shift
flags=""
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    -*) flags="$flags $1" ;;
    *) dir="$1" ;;
  esac
  shift
done
[ -z "$dir" ] && dir=.
dir=$(cd "$dir" && pwd)
top="${DEMO_HOME:-$PWD}"
top=$(cd "$top" && pwd)
n=$(ls "$snap" | grep -c '^[0-9]')
mkdir -p "$snap/$n"
cp -r "$top" "$snap/$n/tree"
rel="${dir#$top}"
rel="${rel#/}"
echo "${rel:-.}" >"$snap/$n/root"
echo "$flags" >"$snap/$n/flags"
exec kubectl kustomize "$dir"
`

const fakeCurl = `#!/bin/bash
# serves raw.githubusercontent.com/kubernetes-sigs/kustomize/<ref>/<path> from the source tree; nothing else
out=""
url=""
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift ;;
    -*) ;;
    *) url="$1" ;;
  esac
  shift
done
prefix="https://raw.githubusercontent.com/kubernetes-sigs/kustomize/"
case "$url" in
  "$prefix"*) ;;
  *) echo "$url" >>"$KRUSTY_SNAPSHOTS/network"; echo "no network: $url" >&2; exit 6 ;;
esac
rest="${url#$prefix}"
path="${rest#*/}"
# one {a,b} group, as the examples use it, stands for several files; #1 in the output is the part chosen
if [[ "$path" == *"{"*"}"* ]]; then
  head="${path%%\{*}"; tail="${path#*\}}"; group="${path#*\{}"; group="${group%%\}*}"
  IFS=, read -ra parts <<<"$group"
else
  head="$path"; tail=""; parts=("")
fi
for p in "${parts[@]}"; do
  src="$KRUSTY_SOURCE/$head$p$tail"
  [ -f "$src" ] || { echo "$url" >>"$KRUSTY_SNAPSHOTS/network"; exit 22; }
  if [ -n "$out" ]; then
    target="${out//#1/$p}"
    mkdir -p "$(dirname "$target")"
    cp "$src" "$target"
  else
    cat "$src"
  fi
done
`

func exampleCases(src string) []*buildCase {
	docs, _ := filepath.Glob(filepath.Join(src, "examples", "*.md"))
	sort.Strings(docs)
	var out []*buildCase
	for _, doc := range docs {
		rel, _ := filepath.Rel(src, doc)
		script := runnableBlocks(doc)
		name := "examples/" + strings.TrimSuffix(filepath.Base(doc), ".md")
		if strings.TrimSpace(script) == "" {
			continue
		}
		cases, err := runExample(src, script)
		if err != nil {
			out = append(out, &buildCase{Test: name, Skip: err.Error()})
			continue
		}
		if len(cases) == 0 {
			out = append(out, &buildCase{Test: name, Skip: "no kustomize build in the document"})
		}
		for i, c := range cases {
			c.Test = name
			if len(cases) > 1 {
				c.Sub = strconv.Itoa(i + 1)
			}
			c.Notes = append(c.Notes, "from "+rel)
			out = append(out, c)
		}
	}
	return out
}

// runnableBlocks: the fenced code blocks that follow a `<!-- @label -->` comment, in order.
func runnableBlocks(doc string) string {
	f, err := os.Open(doc)
	must(err)
	defer f.Close()
	var b strings.Builder
	marked, inBlock, take := false, false, false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case !inBlock && strings.HasPrefix(trimmed, "<!-- @"):
			marked = true
		case !inBlock && strings.HasPrefix(trimmed, "```"):
			inBlock, take = true, marked
			marked = false
		case inBlock && trimmed == "```":
			inBlock = false
			if take {
				b.WriteString("\n")
			}
		case inBlock && take:
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

func runExample(src, script string) ([]*buildCase, error) {
	work, err := os.MkdirTemp("/tmp", "kustfid-example-")
	must(err)
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "bin")
	snaps := filepath.Join(work, "snapshots")
	tmp := filepath.Join(work, "tmp")
	cwd := filepath.Join(work, "cwd")
	for _, d := range []string{bin, snaps, tmp, cwd} {
		must(os.MkdirAll(d, 0o755))
	}
	must(os.WriteFile(filepath.Join(bin, "kustomize"), []byte(fakeKustomize), 0o755))
	must(os.WriteFile(filepath.Join(bin, "curl"), []byte(fakeCurl), 0o755))
	must(os.WriteFile(filepath.Join(work, "session.sh"), []byte("set -a\n"+script), 0o644))
	abs, _ := filepath.Abs(src)
	cmd := exec.Command("bash", filepath.Join(work, "session.sh"))
	cmd.Dir = cwd
	cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"), "TMPDIR="+tmp, "KRUSTY_SNAPSHOTS="+snaps,
		"KRUSTY_SOURCE="+abs+"/", "HOME="+cwd)
	cmd.Stdin = nil
	_, _ = cmd.CombinedOutput() // the session's own checks (diff, test) may fail; the builds are what counts
	taint := ""
	if b, err := os.ReadFile(filepath.Join(snaps, "network")); err == nil {
		taint = "needs the network: " + firstLine(string(b))
	}
	entries, _ := os.ReadDir(snaps)
	var nums []int
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	var cases []*buildCase
	for _, n := range nums {
		dir := filepath.Join(snaps, strconv.Itoa(n))
		root, _ := os.ReadFile(filepath.Join(dir, "root"))
		flags, _ := os.ReadFile(filepath.Join(dir, "flags"))
		c := &buildCase{Root: strings.TrimSpace(string(root)), Files: map[string]string{}}
		tree := filepath.Join(dir, "tree")
		_ = filepath.Walk(tree, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			r, _ := filepath.Rel(tree, p)
			if info.Mode()&0o111 != 0 && !strings.HasSuffix(p, ".yaml") {
				c.Skip = "needs an exec plugin (" + r + ")"
			}
			b, _ := os.ReadFile(p)
			c.Files[filepath.ToSlash(r)] = string(b)
			return nil
		})
		if f := strings.TrimSpace(string(flags)); f != "" {
			c.Skip = "needs " + f
		}
		if taint != "" && c.Skip == "" {
			c.Skip = taint
		}
		cases = append(cases, c)
	}
	if b, err := os.ReadFile(filepath.Join(snaps, "unsupported")); err == nil && len(cases) == 0 {
		return nil, fmt.Errorf("needs kustomize subcommands other than build: %s", firstLine(string(b)))
	}
	return cases, nil
}
