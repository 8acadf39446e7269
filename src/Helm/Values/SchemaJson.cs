using GitOpsHQ.Files;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>Reads values.schema.json as JSON, keeping line numbers for later messages.</summary>
internal static class SchemaJson
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Nesting beyond this is refused (it is also the schema loader's own limit).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        LineInfoHandling = LineInfoHandling.Load,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
        CommentHandling = CommentHandling.Ignore,
    };

    /// <summary>The schema document, or null (reported) when the file is not JSON.</summary>
    public static (JToken Token, string Text)? Read(FileSet files, string path, SchemaProblems report)
    {
        if (files.Bytes(path).Length > MaxBytes)
        {
            report.Error(path, $"{path} is larger than {MaxBytes} bytes; it is not read.");
            return null;
        }

        var text = files.Text(path);
        if (text is null)
        {
            report.Error(path, $"{path} is not UTF-8 text (it looks binary), so it cannot be JSON.");
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { MaxDepth = MaxDepth, DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader, LoadSettings);
            if (reader.Read())
            {
                report.Error(path, $"{path} has more after the schema ends.", reader.LineNumber, reader.LinePosition);
                return null;
            }

            return (token, text);
        }
        catch (JsonReaderException error)
        {
            report.Error(path, $"{path} is not valid JSON: {FirstSentence(error.Message)}", error.LineNumber, error.LinePosition);
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var pathNote = message.IndexOf(" Path '", StringComparison.Ordinal);
        return pathNote > 0 ? message[..pathNote] : message;
    }
}
