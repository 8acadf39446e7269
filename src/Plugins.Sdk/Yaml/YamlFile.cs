using GitOpsHQ.GoYaml;
using GitOpsHQ.Files;
using System.Text;
using GitOpsHQ.Plugins.Sdk.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>
/// One YAML file of an artifact, loaded as a stream of documents. Loading never throws for bad
/// content: size, binary content, nesting and syntax problems become diagnostics instead.
/// </summary>
public sealed class YamlFile
{
    private YamlFile(string path, string text, IReadOnlyList<YamlDocument> documents)
    {
        Path = path;
        Text = text;
        Documents = documents;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The documents of the stream; a document's root may be an empty scalar.</summary>
    public IReadOnlyList<YamlDocument> Documents { get; }

    /// <summary>The root nodes of documents that have content (not empty, not null).</summary>
    public IEnumerable<YamlNode> Roots => Documents.Select(d => d.RootNode).Where(root => !root.IsNull());

    /// <summary>Loads a file of <paramref name="files"/>; null (with diagnostics) when it is not usable YAML.</summary>
    public static YamlFile? Load(FileSet files, string path, ValidationReport report, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var bytes = files.Bytes(path);
        if (bytes.Length > limits.MaxBytes)
        {
            report.Error(path, $"{path} is {bytes.Length} bytes; YAML files larger than {limits.MaxBytes} bytes are not read.");
            return null;
        }

        var text = files.Text(path);
        if (text is null)
        {
            report.Error(path, $"{path} is not UTF-8 text (it looks binary), so it cannot be YAML.");
            return null;
        }

        return Parse(path, text, report, limits);
    }

    /// <summary>
    /// An anchored node that contains an alias of itself (<c>a: &amp;x {b: *x}</c>), which Go's YAML refuses as
    /// "anchor 'x' value contains itself"; null when there is none. Aliases are the anchored node itself, so a cycle
    /// is a node met again while it is still being walked.
    /// </summary>
    // The documents; a key given twice in a mapping keeps its later value, as Helm, kustomize and kubectl read it.
    private static YamlStream Read(string path, string text, ValidationReport report)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            return stream;
        }
        catch (YamlException error) when (error.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            var (readable, repeats) = RepeatedKeys.LaterWins(text);
            if (repeats.Count == 0) throw;
            stream = new YamlStream();
            stream.Load(new StringReader(readable));
            foreach (var repeat in repeats)
            {
                report.Warning(path, repeat.Later,
                    $"'{repeat.Key}' is given again (first on line {repeat.Earlier.Line}); the later value is used, as Helm, kustomize and kubectl read it.");
            }

            return stream;
        }
    }

    private static YamlNode? SelfContaining(YamlStream stream)
    {
        var open = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var done = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        foreach (var document in stream.Documents)
        {
            var pending = new Stack<(YamlNode Node, bool Leaving)>();
            pending.Push((document.RootNode, false));
            while (pending.Count > 0)
            {
                var (node, leaving) = pending.Pop();
                if (leaving)
                {
                    open.Remove(node);
                    done.Add(node);
                    continue;
                }
                if (done.Contains(node)) continue;
                if (!open.Add(node)) return node;
                pending.Push((node, true));
                var children = node switch
                {
                    YamlMappingNode map => map.Children.SelectMany(p => new[] { p.Key, p.Value }),
                    YamlSequenceNode sequence => sequence.Children,
                    _ => [],
                };
                foreach (var child in children)
                {
                    if (open.Contains(child)) return child;
                    if (!done.Contains(child)) pending.Push((child, false));
                }
            }
        }
        return null;
    }

    /// <summary>The node at which the documents, aliases expanded, pass <paramref name="budget"/> values; null within it.</summary>
    private static YamlNode? ExpandsBeyond(YamlStream stream, int budget)
    {
        var pending = new Stack<YamlNode>(stream.Documents.Select(d => d.RootNode));
        var visited = 0;
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (++visited > budget) return node;
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (key, value) in map.Children)
                    {
                        pending.Push(key);
                        pending.Push(value);
                    }
                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence.Children) pending.Push(item);
                    break;
            }
        }
        return null;
    }

    /// <summary>Parses YAML text that came from <paramref name="path"/> (or from inside it).</summary>
    public static YamlFile? Parse(string path, string text, ValidationReport report, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
        {
            report.Error(path, $"{path} is larger than {limits.MaxBytes} bytes; it is not read.");
            return null;
        }

        try
        {
            if (YamlScan.FirstProblem(text, limits.MaxDepth) is var (at, problem))
            {
                report.Error(path, at, problem);
                return null;
            }

            var stream = Read(path, text, report);
            if (SelfContaining(stream) is { } cycle)
            {
                report.Error(path, cycle.Start, $"Invalid YAML: anchor '{cycle.Anchor}' value contains itself");
                return null;
            }
            if (ExpandsBeyond(stream, limits.MaxExpandedNodes) is { } alias)
            {
                report.Error(path, alias.Start,
                    $"{path} expands to more than {limits.MaxExpandedNodes} values through its aliases (an alias bomb); it is not read.");
                return null;
            }
            return new YamlFile(path, text, stream.Documents.ToList());
        }
        catch (YamlException error)
        {
            report.Error(path, error.Start, $"Invalid YAML: {YamlErrorText.Of(error)}");
            return null;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            report.Error(path, $"Invalid YAML: {error.Message}");
            return null;
        }
    }
}
