using System.Text;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Turns rendered templates into <c>helm template</c>'s output: partials, NOTES.txt and empty outputs dropped,
/// each template split into documents, documents ordered by kind (stable, templates by path), hooks last,
/// each printed as <c>---</c>, <c># Source: PATH</c> and the trimmed document. With <c>--include-crds</c> the CRD
/// files come first, printed as they are; <c>--no-hooks</c> drops the hooks and <c>--skip-tests</c> the test hooks.
/// </summary>
internal static class ManifestOutput
{
    private static readonly HashSet<string> HookEvents = new(StringComparer.Ordinal)
    {
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
        "pre-rollback", "post-rollback", "test", "test-success",
    };

    public static string Write(IReadOnlyDictionary<string, string> rendered) =>
        Write(rendered, [], RenderOptions.Default);

    /// <summary>The output for <paramref name="options"/>; <paramref name="crds"/> are printed only with IncludeCrds.</summary>
    public static string Write(IReadOnlyDictionary<string, string> rendered, IEnumerable<ChartFile> crds, RenderOptions options)
    {
        var entries = Entries(rendered, crds, options);
        var output = new StringBuilder(string.Concat(entries.Where(e => !e.IsHook).Select(e => e.Text)).Trim()).Append('\n');
        foreach (var hook in entries.Where(e => e.IsHook))
        {
            output.Append(hook.Text);
        }

        var text = output.ToString();
        return options.ShowOnly.Count > 0 ? ShowOnly.Filter(text, options.ShowOnly) : text;
    }

    /// <summary>
    /// What is printed, one entry per object in printing order: the charts' crds/ (with IncludeCrds), the manifests in
    /// install order, then the hooks Helm keeps. Each entry's text is "---\n# Source: path\n" and the object, as
    /// <c>--output-dir</c> writes it to that path.
    /// </summary>
    public static IReadOnlyList<ManifestEntry> Entries(IReadOnlyDictionary<string, string> rendered, IEnumerable<ChartFile> crds, RenderOptions options)
    {
        var documents = new List<ManifestDocument>();
        foreach (var (name, content) in rendered.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var baseName = name[(name.LastIndexOf('/') + 1)..];
            if (name.EndsWith("NOTES.txt", StringComparison.Ordinal) || baseName.StartsWith('_') || content.Trim().Length == 0)
            {
                continue;
            }
            foreach (var document in Split(content))
            {
                if (Classify(name, document) is { } manifest)
                {
                    documents.Add(manifest);
                }
            }
        }
        var entries = new List<ManifestEntry>();
        if (options.IncludeCrds)
        {
            entries.AddRange(crds.Select(crd => new ManifestEntry(crd.Path, Encoding.UTF8.GetString(crd.Content).TrimStart('\uFEFF'), false)));
        }
        entries.AddRange(documents.Where(d => !d.IsHook).OrderBy(d => d.Kind, InstallOrder.Instance)
            .Select(d => new ManifestEntry(d.Source, d.Content, false)));
        var hooks = documents.Where(d => d.IsHook && !options.NoHooks && !(options.SkipTests && d.IsTest));
        entries.AddRange(hooks.OrderBy(d => d.Kind, InstallOrder.Instance).Select(d => new ManifestEntry(d.Source, d.Content, true)));
        return entries;
    }

    /// <summary>Helm's SplitManifests: the documents of a text, each trimmed, empty ones left out.</summary>
    internal static IEnumerable<string> Split(string content) =>
        SplitDocuments(content.Trim()).Where(d => d.Length > 0).Select(d => d.Trim());

    /// <summary>
    /// Helm's document split, <c>(?:^|\s*\n)---\s*</c> with \s as Go's <c>[\t\n\f\r ]</c>, as a scan: each
    /// separator is a <c>\n---</c> (or <c>---</c> at the very start) with the whitespace before it back to the previous
    /// separator and the whitespace after it. Linear, where the pattern backtracks over every indentation run.
    /// </summary>
    internal static List<string> SplitDocuments(string content)
    {
        var parts = new List<string>();
        var start = 0;
        var search = 0;
        if (content.StartsWith("---", StringComparison.Ordinal))
        {
            parts.Add("");
            start = search = SkipSpace(content, 3);
        }
        while (search < content.Length)
        {
            var newline = content.IndexOf("\n---", search, StringComparison.Ordinal);
            if (newline < 0)
            {
                break;
            }
            var from = newline;
            while (from > search && IsSpace(content[from - 1]))
            {
                from--;
            }
            parts.Add(content[start..from]);
            start = search = SkipSpace(content, newline + 4);
        }
        parts.Add(content[start..]);
        return parts;
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && IsSpace(text[at]))
        {
            at++;
        }
        return at;
    }

    private static bool IsSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    // Null when the document is a hook for an event Helm does not know (Helm skips those).
    private static ManifestDocument? Classify(string name, string document)
    {
        var (kind, hook) = ManifestHead.Read(name, document);
        if (hook is null)
        {
            return new ManifestDocument(name, document, kind, false);
        }
        var events = hook.Split(',').Select(e => e.Trim().ToLowerInvariant()).ToList();
        return events.All(HookEvents.Contains)
            ? new ManifestDocument(name, document, kind, true, events.Any(e => e is "test" or "test-success"))
            : null;
    }
}

/// <summary>One printed object: the template (or crds/ file) it comes from and what is printed for it.</summary>
public sealed record ManifestEntry(string Source, string Content, bool IsHook)
{
    public string Text => $"---\n# Source: {Source}\n{Content}\n";
}
