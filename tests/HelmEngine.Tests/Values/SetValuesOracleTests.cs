using GitOpsHQ.Files;
using GitOpsHQ.HelmEngine.Tests.Oracle;
using GitOpsHQ.HelmEngine.Tests.Rendering;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Values;

/// <summary>
/// A chart that prints its final values (toYaml, and every leaf with its Go type) renders the same through the
/// oracle's <c>helm template</c> and the engine for many combinations of values files and value flags. Error
/// texts and the cases where the oracle's simpler flag parser departs from Helm are covered in <see cref="SetValuesTests"/>.
/// </summary>
public class SetValuesOracleTests
{
    private static readonly Lazy<string> Chart = new(WriteChart);

    public static TheoryData<string[]> Cases() => new()
    {
        new[] { "--set", "a=1,b=true,c=null,d=0012,e=-3,f=1.5,g=9223372036854775808,h=FALSE,i=0" },
        new[] { "--set", "replicas=3" },
        new[] { "--set", "drop=null,nested.drop=null,nested.add=x" },
        new[] { "--set", "list[4]=x,list[1]=y" },
        new[] { "--set", "x={1,foo,0012,true,null}" },
        new[] { "--set", "m[0][1]=x,o[1].p=q,o[1].r[2]=s" },
        new[] { "--set", "k\\.dot=1,v=one\\,two,w=a\\=b" },
        new[] { "--set", "image.tag=2.0,image.pullPolicy=Always" },
        new[] { "--set-string", "s=12,b=true,n=null,l={1,2}" },
        new[] { "--set-json", "j={\"k\":[1,2.5,null],\"m\":{\"n\":\"o\"},\"t\":true}" },
        new[] { "--set-json", "image={\"tag\":\"2.0\"}" },
        new[] { "--set-json", "replicas=2" },
        new[] { "--set-json", "nested.drop=null" },
        new[] { "--set-json", "list[1]=[\"a\",{\"b\":1}]" },
        new[] { "--set", "a=1", "--set-string", "a=s", "--set", "a=2" },
        new[] { "--set", "a.b=1", "--set-json", "a={\"c\":2}" },
        new[] { "--set-string", "a=s", "--set-json", "a=1", "--set", "a=true" },
        new[] { "--set", "a=1", "--set", "a=2,b=3", "--set", "b=4" },
        new[] { "-f", "user.yaml", "--set", "fileList[1]=z,fileMap.added=1,fileMap.n=null" },
        new[] { "-f", "user.yaml", "--set-json", "fileMap={\"only\":true}" },
        new[] { "-f", "user.yaml", "--set", "fileList[3].k=v" },
        new[] { "-f", "user.yaml", "--set-string", "replicas=7", "--set", "fileMap.n=8" },
        new[] { "--set", "a[0].b=1,a[2]=x,a[0].c=true", "--set", "a[1][1]=y" },
        new[] { "--set", "deep.a.b.c.d=1,k=v=w,empty=,sp=a b c,u=ünïcödé" },
        new[] { "--set", "n=+5,m=-0,big=123456789012,neg=-9223372036854775808" },
        new[] { "--set-json", "obj={\"nested\":{\"list\":[{\"a\":null},[]],\"e\":{}},\"s\":\"\\u00e9\"}" },
        // The examples of `helm install --help`.
        new[] { "--set", "foo=bar", "--set", "foo=newbar" },
        new[] { "--set-json", "foo=[\"one\", \"two\", \"three\"]", "--set-json", "foo=[\"four\"]" },
        new[] { "--set-json", "foo={\"key1\":\"value1\",\"key2\":\"value2\"}", "--set-json", "foo.key2=\"bar\"" },
        new[] { "--set-json", "master.sidecars=[{\"name\":\"sidecar\",\"image\":\"myImage\",\"imagePullPolicy\":\"Always\",\"ports\":[{\"name\":\"portname\",\"containerPort\":1234}]}]" },
        new[] { "--set-string", "long_int=1234567890", "--set", "name=prod" },
    };

    [OracleTheory]
    [MemberData(nameof(Cases))]
    public void Flags_give_the_values_helm_template_gives(string[] flags)
    {
        var args = new List<string> { "template", Chart.Value, "--format", "manifest" };
        var valuesFiles = new List<string>();
        var overrides = new List<ValueOverride>();
        for (var i = 0; i < flags.Length; i += 2)
        {
            var (flag, text) = (flags[i], flags[i + 1]);
            if (flag == "-f")
            {
                var path = Path.Combine(Chart.Value, "..", text);
                args.AddRange(["-f", path]);
                valuesFiles.Add(File.ReadAllText(path));
                continue;
            }
            args.AddRange([flag, text]);
            overrides.Add(new ValueOverride(flag switch
            {
                "--set" => ValueOverrideKind.Set,
                "--set-string" => ValueOverrideKind.SetString,
                _ => ValueOverrideKind.SetJson,
            }, text));
        }

        var (code, expected, error) = HelmOracle.Run(args);
        Assert.True(code == 0, error);
        var actual = ChartRenderer.Render(FileSet.From(ChartFiles.From(Chart.Value)), new RenderOptions { ValuesFiles = valuesFiles, Overrides = overrides });

        Assert.True(expected == actual, $"differs\n--- helm ---\n{expected}\n--- engine ---\n{actual}");
    }

    private static string WriteChart()
    {
        // Written into the test output folder, so each run replaces it and nothing piles up elsewhere.
        var root = Path.Combine(AppContext.BaseDirectory, "set-values-chart");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        var chart = Path.Combine(root, "chart");
        Directory.CreateDirectory(Path.Combine(chart, "templates"));
        File.WriteAllText(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: setvals\nversion: 0.1.0\n");
        File.WriteAllText(Path.Combine(chart, "values.yaml"), """
            image:
              repository: nginx
              tag: "1.25"
            replicas: 1
            list: [a, b, c]
            drop: me
            nested:
              keep: true
              drop: 1
            """);
        File.WriteAllText(Path.Combine(root, "user.yaml"), """
            fileList: [p, q, r]
            fileMap:
              n: 1
              s: text
            replicas: 2
            """);
        File.WriteAllText(Path.Combine(chart, "templates", "values.yaml"), """
            {{- define "walk" }}
            {{- $t := printf "%T" .v }}
            {{- if hasPrefix "map[" $t }}
            {{- range $k, $x := .v }}{{ include "walk" (dict "p" (printf "%s.%s" $.p $k) "v" $x) }}{{ end }}
            {{- else if hasPrefix "[]" $t }}
            {{- range $i, $x := .v }}{{ include "walk" (dict "p" (printf "%s[%d]" $.p $i) "v" $x) }}{{ end }}
            {{- else }}
            # {{ .p }}: {{ printf "%T %v" .v .v }}
            {{- end }}
            {{- end }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: values
            data:
              values.yaml: |
            {{ toYaml .Values | indent 4 }}
            {{- range $k, $v := .Values }}{{ include "walk" (dict "p" $k "v" $v) }}{{ end }}
            """);
        return chart;
    }
}
