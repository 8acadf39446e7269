using System.Text;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Files;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Checks a chart's final values (defaults, values files and flags coalesced) against its values.schema.json as
/// <c>helm template</c> does before rendering. Each chart with a schema is checked with its own values (a subchart
/// with its section of the parent's); all findings are reported together in Helm's words:
/// <code>
/// values don't meet the specifications of the schema(s) in the following chart(s):
/// mychart:
/// - (root): image is required
/// - replicas: Invalid type. Expected: integer, given: string
/// </code>
/// The schema is loaded as publishing loads it (<see cref="ValuesSchema"/>): references stay inside the file.
/// </summary>
public static class SchemaValidation
{
    private const string Root = "(root)";

    public const string Heading = "values don't meet the specifications of the schema(s) in the following chart(s):";

    /// <summary>
    /// One chart's findings as Helm lists them (<c>"name:\n- field: message\n…"</c>), or "" when the values meet the
    /// schema. A schema that cannot be used gives <c>"name:\nunable to compile schema: reason"</c>.
    /// </summary>
    public static string ChartFindings(string chartName, string schemaJson, IReadOnlyDictionary<string, object?> values)
    {
        var lines = Findings(schemaJson, values);
        return lines.Count == 0 ? "" : $"{chartName}:\n{string.Concat(lines)}";
    }

    /// <summary>Throws Helm's error when any chart has findings (each from <see cref="ChartFindings"/>, in chart order).</summary>
    /// <exception cref="RenderException">At least one finding is not empty.</exception>
    public static void ThrowIfAny(IEnumerable<string> chartFindings)
    {
        var all = string.Concat(chartFindings);
        if (all.Length > 0)
        {
            throw new RenderException($"{Heading}\n{all}");
        }
    }

    private static List<string> Findings(string schemaJson, IReadOnlyDictionary<string, object?> values)
    {
        var loaded = Load(schemaJson);
        if (loaded.Schema is not { } schema)
        {
            // Helm writes this reason as it is, without "- " or a final line break.
            return [$"unable to compile schema: {loaded.Reason.ReplaceLineEndings(" ")}"];
        }
        try
        {
            var json = ValuesJsonTree.Of(values);
            return InHelmsTerms(schema.Violations(json), loaded.RootIsReference)
                .Select(error => (Error: error, Field: Field(error)))
                .Select(x => $"- {x.Field}: {SchemaErrorWording.Of(x.Error, x.Field)}\n")
                .Concat((loaded.Root is { } root ? SchemaKeywords.Check(root, json) : []).Select(f => $"- {f.Field}: {f.Message}\n"))
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The schema library fails on some inputs (a pattern that runs too long, …); Helm reports its own such failures so.
            return [$"unable to validate schema: {e.Message.ReplaceLineEndings(" ")}"];
        }
    }

    // Helm's validator walks the values depth first: at each map it checks schema combinations, then the map's own
    // rules (required, additional properties, …), then its entries. What failed inside a combination is listed with
    // it: for allOf the inner violations and then the allOf line; for anyOf/oneOf the line and then the violations
    // of the closest alternative (here: the one with the fewest). A root "$ref" is followed directly, so its
    // (rewritten) allOf adds no line of its own. Entries of one map come in key order.
    internal static IEnumerable<ValidationError> InHelmsTerms(IEnumerable<ValidationError> errors, bool rootIsReference) =>
        Blocks(errors, rootIsReference).SelectMany(block => block.Errors);

    private static List<Block> Blocks(IEnumerable<ValidationError> errors, bool rootIsReference)
    {
        var blocks = new List<Block>();
        foreach (var error in errors)
        {
            var field = Field(error);
            if (error is not ChildSchemaValidationError { Errors.Count: > 0 } combined
                || error.Kind is not (ValidationErrorKind.NotAllOf or ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf))
            {
                blocks.Add(new Block(field, RankOf(error.Kind), blocks.Count, [error]));
                continue;
            }
            var alternatives = combined.Errors.Values.Select(list => InHelmsTerms(ValuesSchema.Flatten(list), false).ToList()).ToList();
            if (error.Kind == ValidationErrorKind.NotAllOf)
            {
                if (rootIsReference && field == Root)
                {
                    blocks.AddRange(Blocks(combined.Errors.Values.SelectMany(ValuesSchema.Flatten), false)
                        .Select((block, i) => block with { Index = blocks.Count + i }));
                    continue;
                }
                blocks.Add(new Block(field, 0, blocks.Count, [.. alternatives.SelectMany(list => list), error]));
                continue;
            }
            var closest = alternatives.All(list => list.Count > 0) ? alternatives.MinBy(list => list.Count)! : [];
            blocks.Add(new Block(field, 0, blocks.Count, [error, .. closest]));
        }
        blocks.Sort(Block.DepthFirst);
        return blocks;
    }

    private static int RankOf(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.ExcludedSchemaValidates => 0,
        ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            or ValidationErrorKind.TooFewProperties or ValidationErrorKind.TooManyProperties => 1,
        _ => 2,
    };

    // Violations reported together at one field, and where they sort among the others.
    private sealed record Block(string Field, int Rank, int Index, List<ValidationError> Errors)
    {
        public static int DepthFirst(Block a, Block b)
        {
            var x = a.Segments;
            var y = b.Segments;
            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                var order = string.CompareOrdinal(x[i], y[i]);
                if (order != 0)
                {
                    return order;
                }
            }
            return x.Length != y.Length ? x.Length.CompareTo(y.Length)
                : a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank)
                : a.Index.CompareTo(b.Index);
        }

        private string[] Segments => Field == Root ? [] : Field.Split('.');
    }

    // A schema as validation uses it: the loaded schema (or why it cannot be used), whether its root is a "$ref", and
    // its JSON tree for the keywords the schema library does not check.
    private sealed record LoadedSchema(ValuesSchema? Schema, string Reason, bool RootIsReference, JToken? Root);

    // Schemas loaded lately, by their text: loading is a function of the text, and a loaded schema is only read while
    // validating, so one serves concurrent renders. At most MaxLoaded schemas of MaxLoadedChars characters in all;
    // when full it starts again empty.
    private const int MaxLoaded = 64;
    private const long MaxLoadedChars = 4L * 1024 * 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, LoadedSchema> Loaded = new(StringComparer.Ordinal);
    private static long _loadedChars;

    private static LoadedSchema Load(string schemaJson)
    {
        if (Loaded.TryGetValue(schemaJson, out var loaded))
        {
            return loaded;
        }
        var report = new SchemaProblems();
        var files = FileSet.FromTexts([(ChartLayout.ValuesSchemaFile, schemaJson)]);
        var schema = ValuesSchema.Load(files, report, CancellationToken.None).GetAwaiter().GetResult();
        var reason = report.All.Select(d => d.Message).FirstOrDefault() ?? "the schema cannot be used";
        JToken? root;
        try
        {
            root = JToken.Parse(schemaJson);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            root = null;
        }
        loaded = new LoadedSchema(schema, reason, root is JObject { } rootObject && rootObject.ContainsKey("$ref"), root);
        if (Loaded.Count >= MaxLoaded || Interlocked.Add(ref _loadedChars, schemaJson.Length) > MaxLoadedChars)
        {
            Loaded.Clear();
            Interlocked.Exchange(ref _loadedChars, schemaJson.Length);
        }
        Loaded[schemaJson] = loaded;
        return loaded;
    }

    // Helm names the place of a violation with dots ("image.tag", "hosts.0"), "(root)" at the top; a missing or
    // unexpected property is reported at the map that has (or lacks) it.
    private static string Field(ValidationError error)
    {
        var path = Dotted(error.Path ?? "");
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { Length: > 0 } property)
        {
            path = path == property ? "" : path.EndsWith("." + property, StringComparison.Ordinal) ? path[..^(property.Length + 1)] : path;
        }
        return path.Length == 0 ? Root : path;
    }

    // "#/list[1].name" → "list.1.name".
    private static string Dotted(string path)
    {
        var text = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        var result = new StringBuilder();
        foreach (var c in text)
        {
            switch (c)
            {
                case '[':
                    if (result.Length > 0)
                    {
                        result.Append('.');
                    }
                    break;
                case ']':
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }
}
