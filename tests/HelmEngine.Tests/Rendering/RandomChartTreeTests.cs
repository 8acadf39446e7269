using GitOpsHQ.Files;
using System.Text.Json;
using GitOpsHQ.HelmEngine.Tests.Oracle;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Generated chart trees (a parent, two subcharts, one of them with its own subchart) with random values: maps,
/// lists, nulls, globals, per-subchart sections, tags and exports, in the charts and in a user values file, and
/// random dependencies: version ranges that match or not, conditions, tags, aliases and import-values. Each
/// chart prints its .Values; the engine must render each template, and print the whole, as the oracle does for every seed.
/// </summary>
public class RandomChartTreeTests
{
    private static readonly string[] Keys = ["alpha", "beta", "gamma", "global", "sub", "side", "side2", "leaf", "enabled", "tags", "exports"];

    // Keys that name a subchart, the globals, tags or exports: mostly maps, sometimes something else.
    private static readonly HashSet<string> Sections = ["global", "sub", "side", "side2", "leaf", "exports"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [OracleTheory]
    [MemberData(nameof(Seeds))]
    public void A_random_chart_tree_renders_like_helm(int seed)
    {
        var random = new Random(seed);
        var directory = Path.Combine(Path.GetTempPath(), $"helm-tree-{Environment.ProcessId}-{seed}");
        try
        {
            var chart = Path.Combine(directory, "chart");
            Write(chart, "top", random, ["sub", "side"]);
            Write(Path.Combine(chart, "charts", "sub"), "sub", random, ["leaf"]);
            Write(Path.Combine(chart, "charts", "side"), "side", random, []);
            Write(Path.Combine(chart, "charts", "sub", "charts", "leaf"), "leaf", random, []);
            var user = Path.Combine(directory, "user.yaml");
            File.WriteAllText(user, JsonSerializer.Serialize(Map(random, 3)));

            var (expected, error) = HelmTemplateOracle.Templates(chart, [user], []);
            var options = new RenderOptions { ValuesFiles = [File.ReadAllText(user)] };
            if (error is not null)
            {
                Assert.StartsWith("type mismatch on ", error);
                Assert.Equal(error, Assert.Throws<RenderException>(() => ChartRenderer.RenderTemplates(FileSet.From(ChartFiles.From(chart)), options)).Message);
                return;
            }
            var actual = ChartRenderer.RenderTemplates(FileSet.From(ChartFiles.From(chart)), options);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (name, text) in expected)
            {
                Assert.True(text == actual[name], $"seed {seed}, {name}\n--- helm ---\n{text}\n--- engine ---\n{actual[name]}");
            }
            var (manifest, _) = HelmTemplateOracle.Template(chart, [user]);
            Assert.Equal(manifest, ChartRenderer.Render(FileSet.From(ChartFiles.From(chart)), options));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Write(string directory, string name, Random random, string[] subcharts)
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        var declared = subcharts.Select(s => (Name: s, Alias: "")).ToList();
        if (subcharts.Contains("side") && random.Next(2) == 0)
        {
            declared.Add(("side", "side2"));
        }
        var dependencies = subcharts.Length == 0 || random.Next(4) == 0
            ? ""
            : "dependencies:\n" + string.Concat(declared.Select(d => Dependency(random, d.Name, d.Alias)));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), $"apiVersion: v2\nname: {name}\nversion: 1.0.0\n{dependencies}");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), JsonSerializer.Serialize(Map(random, 3)));
        File.WriteAllText(Path.Combine(directory, "templates", "values.yaml"), "{{ toYaml .Values }}\n");
    }

    private static string Dependency(Random random, string name, string alias)
    {
        var text = $"  - name: {name}\n    version: \"{new[] { "1.0.0", "^1.0.0", "1.x", "2.x" }[random.Next(4)]}\"\n    repository: \"\"\n";
        var called = alias.Length > 0 ? alias : name;
        if (alias.Length > 0)
        {
            text += $"    alias: {alias}\n";
        }
        if (random.Next(2) == 0)
        {
            text += $"    condition: {called}.enabled,global.{called}\n";
        }
        if (random.Next(3) == 0)
        {
            text += random.Next(2) == 0 ? "    tags: [t1]\n" : "    tags: [t1, t2]\n";
        }
        if (random.Next(3) == 0)
        {
            text += random.Next(2) == 0
                ? "    import-values:\n      - alpha\n"
                : "    import-values:\n      - child: alpha\n        parent: beta\n      - child: exports.beta\n        parent: gamma.deep\n";
        }
        return text;
    }

    private static Dictionary<string, object?> Map(Random random, int depth)
    {
        var map = new Dictionary<string, object?>();
        foreach (var key in Keys.OrderBy(_ => random.Next()).Take(random.Next(Keys.Length)))
        {
            map[key] = key == "enabled" ? random.Next(2) == 0
                : key == "tags" ? new Dictionary<string, object?> { ["t1"] = random.Next(2) == 0, ["t2"] = random.Next(3) == 0 ? null : random.Next(2) == 0 }
                : Sections.Contains(key) && depth > 1 && random.Next(10) < 9 ? Map(random, depth - 1)
                : Value(random, depth - 1);
        }
        return map;
    }

    private static object? Value(Random random, int depth) => random.Next(depth > 0 ? 7 : 4) switch
    {
        0 => null,
        1 => random.Next(100),
        2 => "text" + random.Next(10),
        3 => random.Next(2) == 0,
        4 => new[] { random.Next(5), random.Next(5) },
        _ => Map(random, depth),
    };
}
