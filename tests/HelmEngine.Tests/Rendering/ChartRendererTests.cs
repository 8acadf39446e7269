using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

public class ChartRendererTests
{
    private static readonly RenderOptions Options = RenderOptions.Default;

    [Fact]
    public void A_chart_without_Chart_yaml_is_refused()
    {
        var files = new[] { ChartFiles.Text("templates/a.yaml", "a: 1\n") };

        Assert.Equal("Chart.yaml file is missing", Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), Options)).Message);
    }

    [Fact]
    public void A_runaway_include_stops_the_render()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: loop\nversion: 1.0.0\n"),
            ChartFiles.Text("templates/_loop.tpl", "{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}"),
            ChartFiles.Text("templates/a.yaml", "{{ include \"loop\" . }}"),
        };

        var error = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), Options));

        // Helm's own count of nested includes of one name stops it (the oracle case include-recursion-limit has the whole text).
        Assert.EndsWith("error calling include: rendering template has a nested reference name: loop: unable to execute template", error.Message);
    }

    [Fact]
    public void A_runaway_template_recursion_is_an_error_of_the_render()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: loop\nversion: 1.0.0\n"),
            ChartFiles.Text("templates/_loop.tpl", "{{ define \"loop\" }}{{ template \"loop\" . }}{{ end }}"),
            ChartFiles.Text("templates/a.yaml", "{{ template \"loop\" . }}"),
        };

        var error = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), Options));

        // Go allows 100,000 nested calls; the engine stops at 1,100 with Go's wording.
        Assert.Contains("exceeded maximum template depth (1100)", error.Message);
    }

    [Fact]
    public void User_values_files_and_release_options_are_used()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: opts\nversion: 1.0.0\n"),
            ChartFiles.Text("values.yaml", "who: chart\n"),
            ChartFiles.Text("templates/cm.yaml", "name: {{ .Release.Name }}\nns: {{ .Release.Namespace }}\nwho: {{ .Values.who }}\n"),
        };
        var options = new RenderOptions { ReleaseName = "rel", Namespace = "prod", ValuesFiles = ["who: user\n"] };

        Assert.Equal("---\n# Source: opts/templates/cm.yaml\nname: rel\nns: prod\nwho: user\n", ChartRenderer.Render(FileSet.From(files), options));
    }

    [Fact]
    public void A_cached_chart_renders_the_same_with_other_values_and_the_cache_stays_within_its_budget()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: cached\nversion: 1.0.0\n"),
            ChartFiles.Text("values.yaml", "who: chart\nlist: [a]\n"),
            ChartFiles.Text("templates/cm.yaml", "who: {{ .Values.who }}\nlist: {{ toJson .Values.list }}\n"),
        };
        var cache = new RenderCache(capacity: 8, maxBytes: 1024);

        var first = ChartRenderer.Render(FileSet.From(files), new RenderOptions { Cache = cache, ValuesFiles = ["who: user\nlist: [b, c]\n"] });
        var second = ChartRenderer.Render(FileSet.From(files), new RenderOptions { Cache = cache });
        var third = ChartRenderer.Render(FileSet.From(files), new RenderOptions { Cache = cache, ValuesFiles = ["who: again\n"] });

        Assert.Equal("---\n# Source: cached/templates/cm.yaml\nwho: user\nlist: [\"b\",\"c\"]\n", first);
        Assert.Equal("---\n# Source: cached/templates/cm.yaml\nwho: chart\nlist: [\"a\"]\n", second);
        Assert.Equal(ChartRenderer.Render(FileSet.From(files), new RenderOptions { ValuesFiles = ["who: again\n"] }), third);
        Assert.InRange(cache.Count, 1, 2);

        var big = files.Append(ChartFiles.Text("files/big.txt", new string('x', 2048))).ToArray();
        ChartRenderer.Render(FileSet.From(big), new RenderOptions { Cache = cache });
        Assert.InRange(cache.Count, 0, 2);
    }

    [Fact]
    public void Endless_tpl_recursion_is_an_error_of_the_render()
    {
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: tplloop\nversion: 1.0.0\n"),
            ChartFiles.Text("values.yaml", "x: \"{{ tpl .Values.x . }}\"\n"),
            ChartFiles.Text("templates/a.yaml", "a: {{ tpl .Values.x . }}\n"),
        };

        // Go's own renderer exhausts its stack here; the engine counts tpl as one level of template depth.
        Assert.Contains("exceeded maximum template depth (1100)", Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), Options)).Message);
    }

    [Fact]
    public void Recursion_inside_deeply_nested_pipelines_is_an_error_not_a_crash()
    {
        var nested = new string('(', 900) + "include \"d\" ." + new string(')', 900);
        var files = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: deep\nversion: 1.0.0\n"),
            ChartFiles.Text("templates/_d.tpl", "{{ define \"d\" }}{{ " + nested + " }}{{ end }}"),
            ChartFiles.Text("templates/a.yaml", "{{ include \"d\" . }}"),
        };

        Assert.Contains("more than 50000 nested actions and pipelines", Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), Options)).Message);
    }
}
