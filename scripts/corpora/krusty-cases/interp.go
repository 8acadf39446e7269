package main

// A small evaluator for the subset of Go that kustomize's krusty tests are written in: it follows each test
// function statement by statement, keeps the files its harness writes in memory, and records a case at every
// build (Run / RunWithErr) together with the expectation the test states. Anything it does not understand ends
// the test with a reason, so that case is listed as skipped instead of guessed.

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type unsupported struct{ reason string }

func fail(format string, args ...interface{}) { panic(unsupported{fmt.Sprintf(format, args...)}) }

// Values.
type opaque struct{ what string }
type funcValue struct {
	decl *ast.FuncType
	body *ast.BlockStmt
	env  *env
	name string
}
type typeDef struct{ t ast.Expr }
type builtinFunc func(args []interface{}) interface{}
type structValue map[string]interface{}
type mapEntry struct {
	key   interface{}
	value interface{}
}
type mapValue struct{ entries []mapEntry }

type harness struct {
	files    map[string]string
	enhanced bool
	build    *buildCase // last case built with this harness
}

type options struct {
	changed map[string]string // option field → value text
	plugins bool
}

type buildCase struct {
	Test        string
	Sub         string
	Files       map[string]string
	Root        string
	ExpectError bool
	Expected    *string
	ErrContains []string
	Options     map[string]string
	Plugins     bool
	Notes       []string
	Skip        string
	tree        string
}

type runResult struct{ c *buildCase }
type errValue struct{ c *buildCase }

type returnSignal struct{ values []interface{} }
type skipSignal struct{ reason string }

type env struct {
	vars   map[string]interface{}
	parent *env
}

func newEnv(parent *env) *env { return &env{vars: map[string]interface{}{}, parent: parent} }

func (e *env) lookup(name string) (interface{}, bool) {
	for s := e; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (e *env) set(name string, v interface{}) {
	for s := e; s != nil; s = s.parent {
		if _, ok := s.vars[name]; ok {
			s.vars[name] = v
			return
		}
	}
	e.vars[name] = v
}

type interp struct {
	fset     *token.FileSet
	globals  map[string]ast.Expr      // package-level const/var initialisers
	types    map[string]ast.Expr      // package-level types
	testdata string                   // api/krusty/testdata, for files the tests read
	funcs    map[string]*ast.FuncDecl // package-level functions
	cache    map[string]interface{}
	extra    map[string]string // package-level string constants from other packages (builtin field specs)
	cases    []*buildCase
	test     string
	sub      string
}

func (in *interp) global(name string) (interface{}, bool) {
	if v, ok := in.cache[name]; ok {
		return v, true
	}
	if x, ok := in.globals[name]; ok {
		v := in.eval(x, newEnv(nil))
		in.cache[name] = v
		return v, true
	}
	if f, ok := in.funcs[name]; ok {
		return &funcValue{decl: f.Type, body: f.Body, env: newEnv(nil), name: name}, true
	}
	return nil, false
}

func (in *interp) runTest(name string, fn *ast.FuncDecl) (result string) {
	in.test, in.sub = name, ""
	defer func() {
		if r := recover(); r != nil {
			switch s := r.(type) {
			case unsupported:
				result = s.reason
			case skipSignal:
				result = "skipped upstream: " + s.reason
			case returnSignal:
				result = ""
			default:
				panic(r)
			}
		}
	}()
	e := newEnv(nil)
	e.vars["t"] = opaque{"t"}
	e.vars["b"] = opaque{"t"}
	in.block(fn.Body.List, e)
	return ""
}

func (in *interp) block(list []ast.Stmt, e *env) {
	for _, s := range list {
		in.stmt(s, e)
	}
}

func (in *interp) stmt(s ast.Stmt, e *env) {
	switch s := s.(type) {
	case *ast.ExprStmt:
		in.eval(s.X, e)
	case *ast.AssignStmt:
		in.assign(s, e)
	case *ast.DeclStmt:
		g := s.Decl.(*ast.GenDecl)
		for _, spec := range g.Specs {
			switch sp := spec.(type) {
			case *ast.ValueSpec:
				for i, n := range sp.Names {
					var v interface{}
					if i < len(sp.Values) {
						v = in.eval(sp.Values[i], e)
					} else {
						v = zero(sp.Type)
					}
					e.vars[n.Name] = v
				}
			case *ast.TypeSpec:
				e.vars[sp.Name.Name] = typeDef{sp.Type}
			default:
				fail("declaration %T", spec)
			}
		}
	case *ast.BlockStmt:
		in.block(s.List, newEnv(e))
	case *ast.IfStmt:
		scope := newEnv(e)
		if s.Init != nil {
			in.stmt(s.Init, scope)
		}
		c := in.eval(s.Cond, scope)
		b, known := c.(bool)
		if !known {
			// An unknown condition is only tolerable around assertions on the result.
			if touchesHarness(s.Body) || (s.Else != nil && touchesHarness(s.Else)) {
				fail("condition it cannot evaluate around the build, at %s", in.fset.Position(s.Pos()))
			}
			return
		}
		if b {
			in.block(s.Body.List, newEnv(scope))
		} else if s.Else != nil {
			in.stmt(s.Else, scope)
		}
	case *ast.RangeStmt:
		coll := in.eval(s.X, e)
		iter := func(k, v interface{}) {
			scope := newEnv(e)
			if s.Key != nil {
				if id, ok := s.Key.(*ast.Ident); ok && id.Name != "_" {
					scope.vars[id.Name] = k
				}
			}
			if s.Value != nil {
				if id, ok := s.Value.(*ast.Ident); ok && id.Name != "_" {
					scope.vars[id.Name] = v
				}
			}
			in.block(s.Body.List, scope)
		}
		switch c := coll.(type) {
		case []interface{}:
			for i, v := range c {
				iter(i, v)
			}
		case *mapValue:
			// Go visits a map in no fixed order; every entry becomes its own case, so follow the source order.
			for _, en := range c.entries {
				iter(en.key, en.value)
			}
		default:
			if isOpaque(coll) && !touchesHarness(s.Body) {
				return // a loop over the build's result, for assertions
			}
			fail("range over %T", coll)
		}
	case *ast.ReturnStmt:
		var vals []interface{}
		for _, r := range s.Results {
			vals = append(vals, in.eval(r, e))
		}
		panic(returnSignal{vals})
	case *ast.DeferStmt, *ast.EmptyStmt:
	case *ast.IncDecStmt:
	case *ast.ForStmt:
		if touchesHarness(s.Body) {
			fail("for loop around the build")
		}
	case *ast.SwitchStmt:
		if touchesHarness(s.Body) {
			fail("switch around the build")
		}
	default:
		fail("statement %T at %s", s, in.fset.Position(s.Pos()))
	}
}

// touchesHarness: does this code write files or build?
func touchesHarness(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			switch sel.Sel.Name {
			case "WriteK", "WriteF", "WriteC", "Run", "RunWithErr", "WriteFile", "WriteLegacyConfigs":
				found = true
			}
		}
		return !found
	})
	return found
}

func (in *interp) structType(t ast.Expr, e *env) *ast.StructType {
	for i := 0; i < 5 && t != nil; i++ {
		switch x := t.(type) {
		case *ast.StructType:
			return x
		case *ast.Ident:
			if v, ok := e.lookup(x.Name); ok {
				if td, ok := v.(typeDef); ok {
					t = td.t
					continue
				}
			}
			t = in.types[x.Name]
		default:
			return nil
		}
	}
	return nil
}

func zeroOf(t ast.Expr) interface{} {
	switch t.(type) {
	case *ast.MapType:
		return &mapValue{}
	case *ast.ArrayType:
		return []interface{}{}
	}
	return zero(t)
}

func zero(t ast.Expr) interface{} {
	if id, ok := t.(*ast.Ident); ok {
		switch id.Name {
		case "string":
			return ""
		case "bool":
			return false
		case "int":
			return 0
		}
	}
	return nil
}

func (in *interp) assign(s *ast.AssignStmt, e *env) {
	var values []interface{}
	if len(s.Rhs) == 1 && len(s.Lhs) > 1 {
		v := in.eval(s.Rhs[0], e)
		if multi, ok := v.([]interface{}); ok && len(multi) == len(s.Lhs) && isCallReturningMany(s.Rhs[0]) {
			values = multi
		} else {
			values = []interface{}{v}
			for len(values) < len(s.Lhs) {
				values = append(values, opaque{"second result"})
			}
		}
	} else {
		for _, r := range s.Rhs {
			values = append(values, in.eval(r, e))
		}
	}
	for i, l := range s.Lhs {
		v := values[i]
		switch l := l.(type) {
		case *ast.Ident:
			if l.Name == "_" {
				continue
			}
			switch s.Tok {
			case token.DEFINE:
				e.vars[l.Name] = v
			case token.ASSIGN:
				e.set(l.Name, v)
			case token.ADD_ASSIGN:
				old, _ := e.lookup(l.Name)
				e.set(l.Name, add(old, v))
			default:
				fail("assignment %s", s.Tok)
			}
		case *ast.SelectorExpr:
			target := in.eval(l.X, e)
			switch t := target.(type) {
			case *options:
				t.changed[l.Sel.Name] = exprText(s.Rhs[min(i, len(s.Rhs)-1)])
			case structValue:
				t[l.Sel.Name] = v
			default:
				// Assignments into objects the evaluator does not model (plugin configuration) change options.
				if o := optionsRoot(in, l.X, e); o != nil {
					o.changed[exprText(l)] = exprText(s.Rhs[min(i, len(s.Rhs)-1)])
				}
			}
		case *ast.IndexExpr:
			target := in.eval(l.X, e)
			key := in.eval(l.Index, e)
			if m, ok := target.(*mapValue); ok {
				m.put(key, v)
			} else {
				fail("index assignment into %T", target)
			}
		default:
			fail("assignment to %T", l)
		}
	}
}

func optionsRoot(in *interp, x ast.Expr, e *env) *options {
	for {
		switch t := x.(type) {
		case *ast.SelectorExpr:
			x = t.X
		case *ast.Ident:
			v, _ := e.lookup(t.Name)
			o, _ := v.(*options)
			return o
		default:
			return nil
		}
	}
}

func isCallReturningMany(x ast.Expr) bool {
	_, ok := x.(*ast.CallExpr)
	return ok
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func (m *mapValue) put(k, v interface{}) {
	for i := range m.entries {
		if m.entries[i].key == k {
			m.entries[i].value = v
			return
		}
	}
	m.entries = append(m.entries, mapEntry{k, v})
}

func add(a, b interface{}) interface{} {
	as, ok1 := a.(string)
	bs, ok2 := b.(string)
	if ok1 && ok2 {
		return as + bs
	}
	ai, ok1 := a.(int)
	bi, ok2 := b.(int)
	if ok1 && ok2 {
		return ai + bi
	}
	return opaque{"sum"}
}

func exprText(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprText(x.X) + "." + x.Sel.Name
	case *ast.BasicLit:
		return x.Value
	case *ast.CallExpr:
		return exprText(x.Fun) + "(…)"
	case *ast.UnaryExpr:
		return x.Op.String() + exprText(x.X)
	case *ast.CompositeLit:
		return "{…}"
	}
	return fmt.Sprintf("%T", x)
}

func (in *interp) eval(x ast.Expr, e *env) interface{} {
	switch x := x.(type) {
	case *ast.BasicLit:
		switch x.Kind {
		case token.STRING:
			s, err := strconv.Unquote(x.Value)
			if err != nil {
				fail("string literal %s", x.Value)
			}
			return s
		case token.INT:
			n, _ := strconv.Atoi(x.Value)
			return n
		case token.CHAR:
			s, _ := strconv.Unquote(x.Value)
			return s
		}
		return opaque{"literal"}
	case *ast.Ident:
		switch x.Name {
		case "true":
			return true
		case "false":
			return false
		case "nil":
			return nil
		}
		if v, ok := e.lookup(x.Name); ok {
			return v
		}
		if v, ok := in.global(x.Name); ok {
			return v
		}
		return opaque{x.Name}
	case *ast.ParenExpr:
		return in.eval(x.X, e)
	case *ast.BinaryExpr:
		return in.binary(x, e)
	case *ast.UnaryExpr:
		v := in.eval(x.X, e)
		switch x.Op {
		case token.NOT:
			if b, ok := v.(bool); ok {
				return !b
			}
			return opaque{"not"}
		case token.AND:
			return v
		case token.SUB:
			if n, ok := v.(int); ok {
				return -n
			}
		}
		return opaque{"unary"}
	case *ast.StarExpr:
		return in.eval(x.X, e)
	case *ast.CompositeLit:
		return in.composite(x, e)
	case *ast.FuncLit:
		return &funcValue{decl: x.Type, body: x.Body, env: e, name: "literal"}
	case *ast.SelectorExpr:
		base := in.eval(x.X, e)
		switch b := base.(type) {
		case structValue:
			return b[x.Sel.Name]
		case *options:
			if v, ok := b.changed[x.Sel.Name]; ok {
				return opaque{v}
			}
			return opaque{"option"}
		}
		if id, ok := x.X.(*ast.Ident); ok {
			if v, ok := in.extra[id.Name+"."+x.Sel.Name]; ok {
				return v
			}
			if id.Name == "konfig" && x.Sel.Name == "DefaultKustomizationFileName" {
				return builtinFunc(func([]interface{}) interface{} { return "kustomization.yaml" })
			}
			if id.Name == "filesys" && x.Sel.Name == "Separator" {
				return "/"
			}
		}
		return opaque{exprText(x)}
	case *ast.IndexExpr:
		coll := in.eval(x.X, e)
		idx := in.eval(x.Index, e)
		switch c := coll.(type) {
		case []interface{}:
			if i, ok := idx.(int); ok && i < len(c) {
				return c[i]
			}
		case *mapValue:
			for _, en := range c.entries {
				if en.key == idx {
					return en.value
				}
			}
			return nil
		}
		return opaque{"index"}
	case *ast.SliceExpr:
		return opaque{"slice"}
	case *ast.TypeAssertExpr:
		return opaque{"assert"}
	case *ast.CallExpr:
		return in.call(x, e)
	case *ast.KeyValueExpr:
		fail("stray key/value")
	case *ast.ArrayType, *ast.MapType, *ast.InterfaceType, *ast.FuncType, *ast.ChanType:
		return opaque{"type"}
	}
	fail("expression %T at %s", x, in.fset.Position(x.Pos()))
	return nil
}

func (in *interp) binary(x *ast.BinaryExpr, e *env) interface{} {
	if x.Op == token.LAND || x.Op == token.LOR {
		l := in.eval(x.X, e)
		lb, ok := l.(bool)
		if ok && x.Op == token.LAND && !lb {
			return false
		}
		if ok && x.Op == token.LOR && lb {
			return true
		}
		r := in.eval(x.Y, e)
		rb, ok2 := r.(bool)
		if ok && ok2 {
			return rb
		}
		return opaque{"logic"}
	}
	l := in.eval(x.X, e)
	r := in.eval(x.Y, e)
	switch x.Op {
	case token.ADD:
		return add(l, r)
	case token.EQL, token.NEQ:
		if isOpaque(l) || isOpaque(r) {
			// err != nil after RunWithErr, and the like.
			if _, isErr := l.(errValue); isErr && r == nil {
				return x.Op == token.NEQ
			}
			return opaque{"compare"}
		}
		if _, isErr := l.(errValue); isErr {
			return x.Op == token.NEQ
		}
		eq := fmt.Sprint(l) == fmt.Sprint(r) && fmt.Sprintf("%T", l) == fmt.Sprintf("%T", r)
		if l == nil || r == nil {
			eq = l == r
		}
		if x.Op == token.EQL {
			return eq
		}
		return !eq
	case token.LSS, token.GTR, token.LEQ, token.GEQ:
		li, ok1 := l.(int)
		ri, ok2 := r.(int)
		if ok1 && ok2 {
			switch x.Op {
			case token.LSS:
				return li < ri
			case token.GTR:
				return li > ri
			case token.LEQ:
				return li <= ri
			default:
				return li >= ri
			}
		}
	}
	return opaque{"binary"}
}

func isOpaque(v interface{}) bool {
	_, ok := v.(opaque)
	return ok
}

func (in *interp) composite(x *ast.CompositeLit, e *env) interface{} {
	switch t := x.Type.(type) {
	case *ast.MapType:
		m := &mapValue{}
		for _, el := range x.Elts {
			kv := el.(*ast.KeyValueExpr)
			m.entries = append(m.entries, mapEntry{in.eval(kv.Key, e), in.elem(kv.Value, t.Value, e)})
		}
		return m
	case *ast.ArrayType:
		var list []interface{}
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			list = append(list, in.elem(el, t.Elt, e))
		}
		return list
	default:
		s := structValue{}
		if st := in.structType(x.Type, e); st != nil {
			for _, f := range st.Fields.List {
				for _, n := range f.Names {
					s[n.Name] = zeroOf(f.Type)
				}
			}
		}
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok {
					s[id.Name] = in.eval(kv.Value, e)
				}
			}
		}
		return s
	}
}

// elem evaluates an element of a composite literal, whose type may be elided.
func (in *interp) elem(x ast.Expr, elemType ast.Expr, e *env) interface{} {
	if c, ok := x.(*ast.CompositeLit); ok && c.Type == nil {
		c2 := *c
		c2.Type = elemType
		if st, ok := elemType.(*ast.StarExpr); ok {
			c2.Type = st.X
		}
		return in.composite(&c2, e)
	}
	return in.eval(x, e)
}

func (in *interp) callFunc(f *funcValue, args []interface{}) (result interface{}) {
	scope := newEnv(f.env)
	i := 0
	if f.decl.Params != nil {
		for _, p := range f.decl.Params.List {
			for _, n := range p.Names {
				if i < len(args) {
					scope.vars[n.Name] = args[i]
				}
				i++
			}
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if ret, ok := r.(returnSignal); ok {
				switch len(ret.values) {
				case 0:
					result = nil
				case 1:
					result = ret.values[0]
				default:
					result = ret.values
				}
				return
			}
			panic(r)
		}
	}()
	in.block(f.body.List, scope)
	return nil
}

func (in *interp) call(x *ast.CallExpr, e *env) interface{} {
	// Method calls on the harness, options, results and errors.
	if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			if v, bound := e.lookup(id.Name); !bound || v == nil || isOpaque(v) {
				if _, isGlobal := in.global(id.Name); !isGlobal {
					if r, handled := in.packageCall(id.Name, sel.Sel.Name, x, e); handled {
						return r
					}
				}
			}
		}
		recv := in.eval(sel.X, e)
		switch r := recv.(type) {
		case *harness:
			return in.harnessCall(r, sel.Sel.Name, x, e)
		case *options:
			return opaque{"options method"}
		case errValue:
			if sel.Sel.Name == "Error" {
				return errValue{r.c}
			}
		}
		for _, a := range x.Args {
			in.eval(a, e)
		}
		return opaque{exprText(x.Fun)}
	}
	if _, ok := x.Fun.(*ast.ArrayType); ok && len(x.Args) == 1 {
		return in.eval(x.Args[0], e) // []byte(s)
	}
	fv := in.eval(x.Fun, e)
	var args []interface{}
	for _, a := range x.Args {
		args = append(args, in.eval(a, e))
	}
	switch f := fv.(type) {
	case *funcValue:
		return in.callFunc(f, args)
	case builtinFunc:
		return f(args)
	}
	if id, ok := x.Fun.(*ast.Ident); ok {
		switch id.Name {
		case "len":
			switch a := args[0].(type) {
			case string:
				return len(a)
			case []interface{}:
				return len(a)
			case *mapValue:
				return len(a.entries)
			}
		case "append":
			list, _ := args[0].([]interface{})
			return append(append([]interface{}{}, list...), args[1:]...)
		case "string":
			return args[0]
		}
	}
	return opaque{exprText(x.Fun)}
}

func (in *interp) packageCall(pkg, name string, x *ast.CallExpr, e *env) (interface{}, bool) {
	args := func() []interface{} {
		var out []interface{}
		for _, a := range x.Args {
			out = append(out, in.eval(a, e))
		}
		return out
	}
	switch pkg + "." + name {
	case "kusttest_test.MakeHarness", "kusttest_test.MakeEnhancedHarness", "kusttest_test.MakeEnhancedHarnessWithTmpRoot":
		return &harness{files: map[string]string{}, enhanced: name != "MakeHarness"}, true
	case "kusttest_test.MakeHarnessWithFs":
		fail("harness over a given file system")
	case "krusty.MakeDefaultOptions":
		return &options{changed: map[string]string{}}, true
	case "filepath.Join", "path.Join":
		var parts []string
		for _, a := range args() {
			s, ok := a.(string)
			if !ok {
				fail("path from %v", a)
			}
			parts = append(parts, s)
		}
		return path.Join(parts...), true
	case "fmt.Sprintf":
		a := args()
		format, ok := a[0].(string)
		if !ok {
			fail("format that is not a string")
		}
		for _, v := range a[1:] {
			switch v.(type) {
			case string, int, bool:
			default:
				return opaque{"formatted"}, true
			}
		}
		return fmt.Sprintf(format, a[1:]...), true
	case "strings.Contains":
		a := args()
		if ev, ok := a[0].(errValue); ok {
			if s, ok := a[1].(string); ok && ev.c != nil {
				ev.c.ErrContains = append(ev.c.ErrContains, s)
			}
			return true, true
		}
		s1, ok1 := a[0].(string)
		s2, ok2 := a[1].(string)
		if ok1 && ok2 {
			return strings.Contains(s1, s2), true
		}
		return opaque{"contains"}, true
	case "strings.ReplaceAll":
		a := args()
		s, ok1 := a[0].(string)
		o, ok2 := a[1].(string)
		n, ok3 := a[2].(string)
		if ok1 && ok2 && ok3 {
			return strings.ReplaceAll(s, o, n), true
		}
		fail("ReplaceAll of non-strings")
	case "strings.Repeat":
		a := args()
		s, ok1 := a[0].(string)
		n, ok2 := a[1].(int)
		if ok1 && ok2 {
			return strings.Repeat(s, n), true
		}
		fail("Repeat of non-strings")
	case "strings.TrimSpace":
		a := args()
		if s, ok := a[0].(string); ok {
			return strings.TrimSpace(s), true
		}
	case "strings.Join":
		a := args()
		list, ok := a[0].([]interface{})
		sep, ok2 := a[1].(string)
		if ok && ok2 {
			var parts []string
			for _, v := range list {
				s, _ := v.(string)
				parts = append(parts, s)
			}
			return strings.Join(parts, sep), true
		}
	case "require.Error", "assert.Error", "require.EqualError", "assert.EqualError", "require.ErrorContains", "assert.ErrorContains",
		"require.Contains", "assert.Contains":
		a := args()
		if len(a) >= 2 {
			if ev, ok := a[0].(errValue); ok && len(a) >= 2 {
				if s, ok := a[1].(string); ok && ev.c != nil {
					ev.c.ErrContains = append(ev.c.ErrContains, s)
				}
			}
		}
		return nil, true
	case "t.Skip", "t.SkipNow", "t.Skipf", "b.Skip":
		a := args()
		panic(skipSignal{fmt.Sprint(a...)})
	case "t.Run", "b.Run":
		a := args()
		f, ok := a[1].(*funcValue)
		if !ok {
			fail("t.Run without a function literal")
		}
		name, _ := a[0].(string)
		outer := in.sub
		in.sub = strings.TrimPrefix(outer+"/"+name, "/")
		func() {
			defer func() {
				if r := recover(); r != nil {
					switch s := r.(type) {
					case unsupported:
						in.cases = append(in.cases, &buildCase{Test: in.test, Sub: in.sub, Skip: s.reason})
					case skipSignal:
						in.cases = append(in.cases, &buildCase{Test: in.test, Sub: in.sub, Skip: "skipped upstream: " + s.reason})
					default:
						panic(r)
					}
				}
			}()
			in.callFunc(f, []interface{}{opaque{"t"}})
		}()
		in.sub = outer
		return true, true
	case "t.Fatal", "t.Fatalf", "t.Errorf", "t.Error", "t.Helper", "t.Log", "t.Logf", "t.Parallel", "t.Cleanup":
		return nil, true
	case "os.ReadFile":
		a := args()
		name, ok := a[0].(string)
		if !ok || !strings.HasPrefix(path.Clean(name), "testdata/") {
			fail("reads a file it cannot follow")
		}
		b, err := os.ReadFile(filepath.Join(in.testdata, strings.TrimPrefix(path.Clean(name), "testdata/")))
		if err != nil {
			fail("reads %s", name)
		}
		return []interface{}{string(b), nil}, true
	case "os.Chmod", "os.Setenv", "os.Unsetenv", "exec.Command", "exec.LookPath":
		fail("uses the real operating system (%s.%s)", pkg, name)
	case "filesys.MakeFsOnDisk", "filesys.NewTmpConfirmedDir", "filesys.MakeFsInMemory":
		fail("builds on a file system of its own (%s.%s)", pkg, name)
	case "openapi.ResetOpenAPI", "openapi.GetSchemaVersion":
		return opaque{"openapi"}, true
	}
	return nil, false
}

func (in *interp) harnessCall(h *harness, name string, x *ast.CallExpr, e *env) interface{} {
	var args []interface{}
	for _, a := range x.Args {
		args = append(args, in.eval(a, e))
	}
	str := func(i int) string {
		if i >= len(args) {
			fail("%s with too few arguments", name)
		}
		s, ok := args[i].(string)
		if !ok {
			fail("%s with an argument it cannot evaluate (%s)", name, exprText(x.Args[i]))
		}
		return s
	}
	switch name {
	case "WriteK":
		h.files[clean(path.Join(str(0), "kustomization.yaml"))] = "\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" + str(1)
	case "WriteC":
		h.files[clean(path.Join(str(0), "kustomization.yaml"))] = "\napiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n" + str(1)
	case "WriteF":
		h.files[clean(str(0))] = str(1)
	case "WriteLegacyConfigs":
		content, ok := in.extra["builtin field specs"]
		if !ok {
			fail("legacy configurations without kustomize's builtin field specs")
		}
		h.files[clean(str(0))] = content
	case "MakeDefaultOptions", "MakeOptionsPluginsDisabled":
		return &options{changed: map[string]string{}}
	case "MakeOptionsPluginsEnabled":
		return &options{changed: map[string]string{}, plugins: true}
	case "Run", "RunWithErr":
		o, _ := args[1].(*options)
		c := &buildCase{Test: in.test, Sub: in.sub, Files: copyFiles(h.files), Root: clean(str(0)), ExpectError: name == "RunWithErr"}
		if o != nil {
			c.Plugins = o.plugins
			c.Options = o.changed
		} else {
			c.Skip = "options it cannot follow"
		}
		in.cases = append(in.cases, c)
		h.build = c
		if name == "RunWithErr" {
			return errValue{c}
		}
		return runResult{c}
	case "AssertActualEqualsExpected", "AssertActualEqualsExpectedNoIdAnnotations":
		r, ok := args[0].(runResult)
		if !ok {
			fail("expectation on something other than a build")
		}
		s := str(1)
		r.c.Expected = &s
		if name == "AssertActualEqualsExpectedNoIdAnnotations" {
			r.c.Notes = append(r.c.Notes, "expectation compared without build annotations")
		}
	case "AssertActualEqualsExpectedWithTweak":
		if r, ok := args[0].(runResult); ok {
			r.c.Notes = append(r.c.Notes, "expectation compared after a tweak of the output")
		}
	case "GetRoot":
		return "/"
	case "MkDir":
		return path.Join("/", str(0))
	case "Reset", "GetT", "PrepBuiltin":
		return h
	case "BuildGoPlugin", "PrepExecPlugin":
		fail("needs a compiled or exec plugin (%s)", name)
	case "ErrIfNoHelm":
		fail("needs helm")
	case "GetFSys":
		fail("uses the harness file system directly")
	default:
		fail("harness method %s", name)
	}
	return nil
}

func clean(p string) string {
	c := path.Clean("/" + p)
	return strings.TrimPrefix(c, "/")
}

func copyFiles(m map[string]string) map[string]string {
	out := map[string]string{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}
