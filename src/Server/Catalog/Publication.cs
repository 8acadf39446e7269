namespace GitOpsHQ.Server.Catalog;

/// <summary>How a version arrived.</summary>
/// <remarks>Journal entries store the number: new sources go at the end.</remarks>
public enum PublishSource
{
    Api,
    GitPush,
    OciPush,

    /// <summary>Imported from an external OCI repository.</summary>
    ExternalOci,

    /// <summary>Imported from an external chart repository or archive URL.</summary>
    ExternalUrl,

    /// <summary>The browser app: a publish made in a signed-in browser session.</summary>
    Ui,
}

/// <summary>
/// Who published a version and how, kept as a Git note on the version's tag object (refs/notes/publishers).
/// The tagger of a tag pushed with git is whoever made it locally; the publisher is who pushed it.
/// </summary>
public sealed record Publication(string Username, string Name, string Email, PublishSource Source, DateTimeOffset At)
{
    public string ToNote() =>
        $"publisher: {Username}\nname: {Name}\nemail: {Email}\nsource: {SourceName(Source)}\npublished-at: {At.ToUnixTimeSeconds()}\n";

    public static Publication? Parse(string? note)
    {
        if (string.IsNullOrEmpty(note)) return null;
        var fields = note.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var source = fields.GetValueOrDefault("source") switch
        {
            "git-push" => PublishSource.GitPush,
            "oci-push" => PublishSource.OciPush,
            "oci" => PublishSource.ExternalOci,
            "url" => PublishSource.ExternalUrl,
            "ui" => PublishSource.Ui,
            _ => PublishSource.Api,
        };
        var at = long.TryParse(fields.GetValueOrDefault("published-at"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
        return new Publication(fields.GetValueOrDefault("publisher", ""), fields.GetValueOrDefault("name", ""), fields.GetValueOrDefault("email", ""), source, at);
    }

    public static string SourceName(PublishSource source) => source switch
    {
        PublishSource.GitPush => "git-push",
        PublishSource.OciPush => "oci-push",
        PublishSource.ExternalOci => "oci",
        PublishSource.ExternalUrl => "url",
        PublishSource.Ui => "ui",
        _ => "api",
    };
}
