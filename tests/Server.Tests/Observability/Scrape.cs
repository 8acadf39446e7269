using System.Globalization;

namespace GitOpsHQ.Server.Tests.Observability;

/// <summary>One read of /metrics: each sample by its name and labels as written (<c>name{a="1",b="2"}</c>).</summary>
public sealed class Scrape
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);

    public Scrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            _samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
    }

    public string Text { get; }

    public static async Task<Scrape> ReadAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString());
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A sample's value, 0 when absent. Labels in the order the metric declares them.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) =>
        _samples.GetValueOrDefault(labels.Length == 0 ? name : $"{name}{{{string.Join(',', labels.Select(l => $"{l.Label}=\"{l.Value}\""))}}}");
}
