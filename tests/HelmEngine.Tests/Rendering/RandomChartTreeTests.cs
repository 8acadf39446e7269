using System.Text.Json;
using GitOpsHQ.HelmEngine.Tests.Oracle;
using GitOpsHQ.Plugins.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Generated chart trees (a parent, two subcharts, one of them with its own subchart) with random values: maps,
/// lists, nulls, globals, per-subchart sections and conditions, in the charts and in a user values file. Each
/// chart prints its .Values; the engine must print what the oracle prints for every seed.
/// </summary>
public class RandomChartTreeTests
{
    private static readonly string[] Keys = ["alpha", "beta", "gamma", "global", "sub", "side", "leaf", "enabled"];

    // Keys that name a subchart or the globals: mostly maps, sometimes something else (which Helm refuses or skips).
    private static readonly HashSet<string> Sections = ["global", "sub", "side", "leaf"];

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
                Assert.Equal(error, Assert.Throws<RenderException>(() => ChartRenderer.RenderTemplates(ChartFiles.From(chart), options)).Message);
                return;
            }
            var actual = ChartRenderer.RenderTemplates(ChartFiles.From(chart), options);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (name, text) in expected)
            {
                Assert.True(text == actual[name], $"seed {seed}, {name}\n--- helm ---\n{text}\n--- engine ---\n{actual[name]}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Write(string directory, string name, Random random, string[] subcharts)
    {
        Directory.CreateDirectory(Path.Combine(directory, "templates"));
        var dependencies = subcharts.Length == 0 || random.Next(3) == 0
            ? ""
            : "dependencies:\n" + string.Concat(subcharts.Select(s =>
                $"  - name: {s}\n    version: 1.0.0\n    repository: \"\"\n"
                + (random.Next(2) == 0 ? $"    condition: {s}.enabled,global.{s}\n" : "")));
        File.WriteAllText(Path.Combine(directory, "Chart.yaml"), $"apiVersion: v2\nname: {name}\nversion: 1.0.0\n{dependencies}");
        File.WriteAllText(Path.Combine(directory, "values.yaml"), JsonSerializer.Serialize(Map(random, 3)));
        File.WriteAllText(Path.Combine(directory, "templates", "values.yaml"), "{{ toYaml .Values }}\n");
    }

    private static Dictionary<string, object?> Map(Random random, int depth)
    {
        var map = new Dictionary<string, object?>();
        foreach (var key in Keys.OrderBy(_ => random.Next()).Take(random.Next(Keys.Length)))
        {
            map[key] = key == "enabled" ? random.Next(2) == 0
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
