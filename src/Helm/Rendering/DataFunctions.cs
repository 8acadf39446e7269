using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Helm's YAML, JSON and TOML converters, and Sprig's JSON ones. Helm's reading never fails the render: a map gets
/// the error under "Error", a list holds the error text as its only element. <c>toJson</c>, <c>toPrettyJson</c> and
/// <c>toYaml</c> print nothing for a value JSON cannot hold, <c>toToml</c> prints the encoder's error instead, and
/// <c>toRawJson</c> and the <c>must…</c> functions fail the render with Go's wording.
/// </summary>
internal static class DataFunctions
{
    private static readonly GoType S = GoType.String;
    private static readonly GoType A = GoType.Any;

    public static IEnumerable<GoFunction> All() =>
    [
        new("toYaml", [A], S, (_, a) => GoYamlText.Write(a[0])),
        new("toYamlPretty", [A], S, (_, a) => GoYamlText.WritePretty(a[0])),
        new("toJson", [A], S, (_, a) => GoJsonText.Write(a[0])),
        new("toToml", [A], S, (_, a) => ToToml(a[0])),
        // Sprig's: toJson and fromJson are Helm's (above); the others are Sprig's own.
        new("toPrettyJson", [A], S, (_, a) => Swallowed(() => GoJsonText.Marshal(a[0], indent: true))),
        new("toRawJson", [A], S, (_, a) => Must(() => GoJsonText.Marshal(a[0], escapeHtml: false))),
        new("mustToJson", [A], S, (_, a) => Must(() => GoJsonText.Marshal(a[0]))),
        new("mustToPrettyJson", [A], S, (_, a) => Must(() => GoJsonText.Marshal(a[0], indent: true))),
        new("mustToRawJson", [A], S, (_, a) => Must(() => GoJsonText.Marshal(a[0], escapeHtml: false))),
        new("mustFromJson", [S], A, (_, a) => MustRead((string)a[0]!)),
        new("fromYaml", [S], GoType.Map, (_, a) => FromYaml((string)a[0]!)),
        new("fromYamlArray", [S], GoType.List, (_, a) => FromYamlArray((string)a[0]!)),
        new("fromToml", [S], GoType.Map, (_, a) => AsMap(() => GoTomlReader.Read((string)a[0]!))),
        new("fromJson", [S], GoType.Map, (_, a) => AsMap(() => GoJsonValues.Read((string)a[0]!))),
        new("fromJsonArray", [S], GoType.List, (_, a) => AsList(() => GoJsonValues.Read((string)a[0]!))),
    ];

    private static string ToToml(object? value)
    {
        try
        {
            return GoTomlText.Write(value);
        }
        catch (GoTomlException e)
        {
            return e.Fatal ? throw new FunctionException(e.Message) : e.Message;
        }
    }

    private static string Swallowed(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (GoJsonException)
        {
            return "";
        }
    }

    private static string Must(Func<string> write)
    {
        try
        {
            return write();
        }
        catch (GoJsonException e)
        {
            throw new FunctionException(e.Message);
        }
    }

    // Sprig's mustFromJson: any JSON value (numbers as float64), Go's syntax error on bad input.
    private static object? MustRead(string text)
    {
        try
        {
            return GoJsonScanner.ReadWhole(text);
        }
        catch (SetValuesException e)
        {
            throw new FunctionException(e.Message);
        }
    }

    private static Dictionary<string, object?> AsMap(Func<object?> read)
    {
        try
        {
            return read() switch
            {
                Dictionary<string, object?> map => map,
                null => new Dictionary<string, object?>(StringComparer.Ordinal),
                _ => Failed("cannot unmarshal a non-map value into a map"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(e.Message);
        }
    }

    private static Dictionary<string, object?> Failed(string message) =>
        new(StringComparer.Ordinal) { ["Error"] = message };

    private static List<object?> AsList(Func<object?> read)
    {
        try
        {
            return read() switch
            {
                List<object?> list => list,
                null => [],
                _ => ["cannot unmarshal a non-list value into a list"],
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [e.Message];
        }
    }

    // fromYaml and fromYamlArray report as sigs.k8s.io/yaml does: Go's YAML syntax errors, then JSON decoding errors.
    private static Dictionary<string, object?> FromYaml(string text)
    {
        try
        {
            return ReadYaml(text) switch
            {
                Dictionary<string, object?> map => map,
                null => new Dictionary<string, object?>(StringComparer.Ordinal),
                var other => Failed($"{JsonDecoding}{JsonKind(other)} into Go value of type map[string]interface {{}}"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(GoYaml.GoYamlErrorText.Of(e, text));
        }
    }

    private static List<object?> FromYamlArray(string text)
    {
        try
        {
            return ReadYaml(text) switch
            {
                List<object?> list => list,
                null => [],
                var other => [$"{JsonDecoding}{JsonKind(other)} into Go value of type []interface {{}}"],
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [GoYaml.GoYamlErrorText.Of(e, text)];
        }
    }

    // YAML texts read lately by fromYaml and fromYamlArray (charts read the same texts at every render), kept as read
    // and handed out as deep copies, since templates may change what they get. Texts that fail are read again each
    // time. At most MaxKeptChars characters of text in all; when full it starts again empty.
    private const long MaxKeptChars = 16L * 1024 * 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, object?> Read = new(StringComparer.Ordinal);
    private static long _keptChars;

    private static object? ReadYaml(string text)
    {
        if (!Read.TryGetValue(text, out var value))
        {
            value = GoValuesYaml.Read(text);
            if (Interlocked.Add(ref _keptChars, text.Length) > MaxKeptChars)
            {
                Read.Clear();
                Interlocked.Exchange(ref _keptChars, text.Length);
            }
            Read[text] = value;
        }
        return value is null ? null : GoTemplate.Functions.Sprig.DeepCopy.Of(value);
    }

    private const string JsonDecoding = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ";

    private static string JsonKind(object? value) => value switch
    {
        string => "string",
        bool => "bool",
        List<object?> => "array",
        Dictionary<string, object?> => "object",
        _ => "number",
    };
}
