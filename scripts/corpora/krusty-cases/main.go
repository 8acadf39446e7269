// Command krusty-cases turns kustomize's own test cases (the api/krusty tests) and the examples of its examples/
// documents into a corpus of trees, each with what `kubectl kustomize` builds from it, for the engine's fidelity
// runner (tests/Kustomize.Tests/CorpusTests.cs).
//
//	go run ./scripts/corpora/krusty-cases -src DIR -out OUT
//
// DIR is a checkout (or `git archive`) of the kustomize repository. Nothing of it is kept in this repository; the
// corpus is written outside it. For every case the output folder holds:
//
//	tree/               the files the test or example writes
//	root                the directory built, relative to tree/
//	expected.yaml       what kubectl kustomize printed, or
//	expected-error.txt  its error, when it refused
//	flags               kubectl kustomize flags the build takes, when the test sets an option (--load-restrictor)
//	origin.json         where the case comes from, the test's own expectation and how kubectl compares with it
//
// and INDEX.md lists the converted cases, the skipped ones with the reason, and the notes.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type origin struct {
	Source        string   `json:"source"`
	Test          string   `json:"test"`
	Root          string   `json:"root"`
	TestExpects   string   `json:"testExpects"` // "output", "error", or "nothing stated"
	TestOutput    *string  `json:"testOutput,omitempty"`
	ErrorContains []string `json:"errorContains,omitempty"`
	Options       []string `json:"options,omitempty"`
	Kubectl       string   `json:"kubectl"` // "output" or "error"
	Agreement     string   `json:"agreement"`
	Notes         []string `json:"notes,omitempty"`
}

type skipped struct{ name, reason string }

func main() {
	src := flag.String("src", "", "kustomize source tree")
	out := flag.String("out", "", "corpus folder to write (replaced)")
	only := flag.String("only", "", "only cases whose name contains this")
	flag.Parse()
	if *src == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := os.RemoveAll(*out); err != nil {
		panic(err)
	}
	must(os.MkdirAll(*out, 0o755))

	var converted []string
	var skips []skipped
	var notes []string
	cases := krustyCases(*src)
	cases = append(cases, exampleCases(*src)...)
	used := map[string]bool{}
	for _, c := range cases {
		name := caseName(c, used)
		if *only != "" && !strings.Contains(name, *only) {
			continue
		}
		if c.Skip != "" {
			skips = append(skips, skipped{name, c.Skip})
			continue
		}
		if reason := optionSkip(c); reason != "" {
			skips = append(skips, skipped{name, reason})
			continue
		}
		dir := filepath.Join(*out, name)
		tree := filepath.Join(dir, "tree")
		for p, content := range c.Files {
			full := filepath.Join(tree, filepath.FromSlash(p))
			must(os.MkdirAll(filepath.Dir(full), 0o755))
			must(os.WriteFile(full, []byte(content), 0o644))
		}
		must(os.MkdirAll(filepath.Join(tree, filepath.FromSlash(c.Root)), 0o755))
		c.tree = tree
		flags := kubectlFlags(c)
		if len(flags) > 0 {
			must(os.WriteFile(filepath.Join(dir, "flags"), []byte(strings.Join(flags, " ")+"\n"), 0o644))
		}
		stdout, stderr, ok := kubectl(filepath.Join(tree, filepath.FromSlash(c.Root)), flags...)
		if reason := environmentSkip(c, stderr, ok); reason != "" {
			must(os.RemoveAll(dir))
			skips = append(skips, skipped{name, reason})
			continue
		}
		o := origin{Source: c.source(), Test: strings.TrimPrefix(c.Test+"/"+c.Sub, "/"), Root: c.Root, Notes: c.Notes}
		for k, v := range c.Options {
			o.Options = append(o.Options, k+" = "+v)
		}
		if c.Plugins {
			o.Options = append(o.Options, "plugins enabled")
		}
		sort.Strings(o.Options)
		o.TestOutput = c.Expected
		o.ErrorContains = c.ErrContains
		switch {
		case c.ExpectError:
			o.TestExpects = "error"
		case c.Expected != nil:
			o.TestExpects = "output"
		default:
			o.TestExpects = "nothing stated"
		}
		must(os.WriteFile(filepath.Join(dir, "root"), []byte(c.Root+"\n"), 0o644))
		if ok {
			o.Kubectl = "output"
			must(os.WriteFile(filepath.Join(dir, "expected.yaml"), []byte(stdout), 0o644))
		} else {
			o.Kubectl = "error"
			must(os.WriteFile(filepath.Join(dir, "expected-error.txt"), []byte(stableError(stderr, tree)), 0o644))
		}
		o.Agreement = agreement(c, ok, stdout, stderr)
		if o.Agreement != "same" && o.Agreement != "not stated" {
			notes = append(notes, fmt.Sprintf("%s: %s", name, o.Agreement))
		}
		js, _ := json.MarshalIndent(o, "", "  ")
		must(os.WriteFile(filepath.Join(dir, "origin.json"), append(js, '\n'), 0o644))
		converted = append(converted, name)
	}
	writeIndex(*out, converted, skips, notes)
	fmt.Printf("converted %d, skipped %d, kubectl differs from the test's expectation in %d\n", len(converted), len(skips), len(notes))
}

func (c *buildCase) source() string {
	if strings.HasPrefix(c.Test, "examples/") {
		return c.Test
	}
	return "api/krusty"
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func caseName(c *buildCase, used map[string]bool) string {
	base := c.Test
	if c.Sub != "" {
		base += "-" + c.Sub
	}
	base = strings.Trim(unsafeName.ReplaceAllString(strings.ReplaceAll(base, "/", "-"), "_"), "_-")
	if len(base) > 120 {
		base = base[:120]
	}
	name := base
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	used[name] = true
	return name
}

// optionSkip: builds that need an option kubectl kustomize does not offer, or one the engine does not model.
func optionSkip(c *buildCase) string {
	for k, v := range c.Options {
		switch {
		case k == "LoadRestrictions" && (strings.Contains(v, "RootOnly") || strings.Contains(v, "None")):
		case strings.Contains(k, "Helm") || strings.Contains(v, "Helm"):
			return "needs helm (" + k + ")"
		case strings.Contains(k, "Exec") || strings.Contains(k, "Fnp") || strings.Contains(k, "PluginConfig"):
			return "needs plugins or exec functions (" + k + " = " + v + ")"
		default:
			return "needs an option kubectl kustomize does not expose (" + k + " = " + v + ")"
		}
	}
	return ""
}

// environmentSkip: kubectl cannot build the case here for a reason the test does not share (network, plugins).
func environmentSkip(c *buildCase, stderr string, ok bool) string {
	if ok {
		return ""
	}
	caseDir := filepath.Dir(treeOf(c))
	if strings.Contains(stderr, caseDir+"/") && strings.Count(stderr, caseDir+"/") > strings.Count(stderr, caseDir+"/tree") {
		return "relies on the in-memory file system, where the parent of / is / itself: " + firstLine(stableError(stderr, caseDir))
	}
	if strings.HasPrefix(c.Test, "examples/") && strings.Contains(stderr, "unable to find one of 'kustomization.yaml'") {
		return "the example's session leaves no kustomization where it builds (a remote URL, or steps the conversion does not follow)"
	}
	low := strings.ToLower(stableError(stderr, treeOf(c)))
	for _, r := range []struct{ marker, reason string }{
		{"git cloning", "needs the network (remote base)"},
		{"http", "needs the network"},
		{"dial tcp", "needs the network"},
		{"plugin", "needs a plugin"},
		{"helm", "needs helm"},
		{"exec", "needs exec functions"},
		{"unable to find plugin root", "needs a plugin"},
	} {
		if strings.Contains(low, r.marker) && !c.ExpectError {
			return r.reason + ": " + firstLine(stderr)
		}
	}
	return ""
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func agreement(c *buildCase, ok bool, stdout, stderr string) string {
	switch {
	case c.ExpectError && ok:
		return "the test expects an error; kubectl kustomize v5.5 builds it"
	case c.ExpectError:
		return "same"
	case !ok && c.Expected != nil:
		return "the test expects a build; kubectl kustomize v5.5 refuses: " + firstLine(stableError(stderr, ""))
	case !ok:
		return "kubectl kustomize v5.5 refuses: " + firstLine(stableError(stderr, ""))
	case c.Expected == nil:
		return "not stated"
	case normal(*c.Expected) == normal(stdout):
		return "same"
	default:
		return "output differs from the test's expectation (kustomize after v5.5, or options the test sets)"
	}
}

// normal: the documents of an output, in sorted order (the tests' harness keeps the resources in the order
// they were accumulated; kubectl kustomize sorts them).
func normal(s string) string {
	docs := strings.Split("\n"+strings.TrimSpace(s)+"\n", "\n---\n")
	for i := range docs {
		docs[i] = strings.TrimSpace(docs[i])
	}
	sort.Strings(docs)
	return strings.Join(docs, "\n---\n")
}

var logPrefix = regexp.MustCompile(`(?m)^[EWIF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\] `)

func stableError(stderr, tree string) string {
	if tree == "" {
		return logPrefix.ReplaceAllString(stderr, "")
	}
	return strings.ReplaceAll(logPrefix.ReplaceAllString(stderr, ""), tree, "TREE")
}

// kubectlFlags: the kubectl kustomize flags that give a case the options its test sets.
func kubectlFlags(c *buildCase) []string {
	if strings.Contains(c.Options["LoadRestrictions"], "None") {
		return []string{"--load-restrictor", "LoadRestrictionsNone"}
	}
	return nil
}

func kubectl(dir string, flags ...string) (string, string, bool) {
	cmd := exec.Command("kubectl", append(append([]string{"kustomize"}, flags...), dir)...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	return o.String(), e.String(), err == nil
}

func writeIndex(out string, converted []string, skips []skipped, notes []string) {
	var b strings.Builder
	fmt.Fprintf(&b, "# kustomize corpus\n\nconverted: %d\nskipped: %d\n\n## skipped\n\n", len(converted), len(skips))
	for _, s := range skips {
		fmt.Fprintf(&b, "- %s: %s\n", s.name, s.reason)
	}
	fmt.Fprintf(&b, "\n## kubectl kustomize v5.5 and the test's own expectation\n\n")
	for _, n := range notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	fmt.Fprintf(&b, "\n## converted\n\n")
	for _, c := range converted {
		fmt.Fprintf(&b, "- %s\n", c)
	}
	must(os.WriteFile(filepath.Join(out, "INDEX.md"), []byte(b.String()), 0o644))
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// krustyCases reads api/krusty/*_test.go and follows every Test function.
func krustyCases(src string) []*buildCase {
	dir := filepath.Join(src, "api", "krusty")
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	must(err)
	sort.Strings(files)
	in := &interp{fset: fset, globals: map[string]ast.Expr{}, funcs: map[string]*ast.FuncDecl{}, cache: map[string]interface{}{}, extra: builtinFieldSpecs(src),
		types: map[string]ast.Expr{}, testdata: filepath.Join(dir, "testdata")}
	type test struct {
		file string
		fn   *ast.FuncDecl
	}
	var tests []test
	for _, f := range files {
		parsed, err := parser.ParseFile(fset, f, nil, 0)
		must(err)
		for _, d := range parsed.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					continue
				}
				in.funcs[d.Name.Name] = d
				if strings.HasPrefix(d.Name.Name, "Test") {
					tests = append(tests, test{strings.TrimSuffix(filepath.Base(f), "_test.go"), d})
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok {
						in.types[ts.Name.Name] = ts.Type
					}
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for i, n := range vs.Names {
							if i < len(vs.Values) {
								in.globals[n.Name] = vs.Values[i]
							}
						}
					}
				}
			}
		}
	}
	var out []*buildCase
	for _, t := range tests {
		in.cases = nil
		name := t.file + "-" + t.fn.Name.Name
		reason := in.runTest(name, t.fn)
		got := in.cases
		if reason != "" {
			// The test stopped where the evaluator could not follow; builds recorded before stay valid only if the
			// reason is not about them.
			got = append(got, &buildCase{Test: name, Skip: reason})
		}
		if len(got) == 0 {
			got = append(got, &buildCase{Test: name, Skip: "no build (the test exercises an API, not a kustomization)"})
		}
		out = append(out, got...)
	}
	return out
}

// builtinFieldSpecs: the default transformer configurations, which WriteLegacyConfigs writes as a file.
func builtinFieldSpecs(src string) map[string]string {
	dir := filepath.Join(src, "api", "internal", "konfig", "builtinpluginconsts")
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	consts := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		parsed, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			continue
		}
		for _, d := range parsed.Decls {
			if g, ok := d.(*ast.GenDecl); ok {
				for _, spec := range g.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for i, n := range vs.Names {
							if i < len(vs.Values) {
								in := &interp{fset: fset, globals: map[string]ast.Expr{}, funcs: map[string]*ast.FuncDecl{}, cache: map[string]interface{}{}}
								func() {
									defer func() { recover() }()
									if s, ok := in.eval(vs.Values[i], newEnv(nil)).(string); ok {
										consts[n.Name] = s
									}
								}()
							}
						}
					}
				}
			}
		}
	}
	order := []string{"namePrefixFieldSpecs", "nameSuffixFieldSpecs", "commonLabelFieldSpecs", "templateLabelFieldSpecs",
		"volumeClaimTemplateLabelFieldSpecs", "commonAnnotationFieldSpecs", "namespaceFieldSpecs", "varReferenceFieldSpecs",
		"nameReferenceFieldSpecs", "imagesFieldSpecs", "replicasFieldSpecs"}
	var parts []string
	for _, n := range order {
		s, ok := consts[n]
		if !ok {
			return map[string]string{}
		}
		parts = append(parts, s)
	}
	return map[string]string{"builtin field specs": strings.Join(parts, "\n")}
}

func treeOf(c *buildCase) string { return c.tree }
