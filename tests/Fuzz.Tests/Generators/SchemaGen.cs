namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>JSON Schemas of random shape: keywords with values of the right and the wrong type, $ref pointers that resolve, loop or escape.</summary>
public static class SchemaGen
{
    private static readonly string[] Refs = ["#", "#/definitions/a", "#/properties/a", "#/definitions/missing", "other.json", "http://127.0.0.1:1/x.json", "#/definitions/a/properties/self", "#/%24defs/x", "#/definitions/~1", "file:///etc/passwd", "#/$defs/b"];

    public static string Schema(Random random, int depth = 3)
    {
        var fields = new List<(string, Func<Random, string>)>
        {
            ("$schema", r => r.Pick(["\"http://json-schema.org/draft-07/schema#\"", "\"https://json-schema.org/draft/2020-12/schema\"", "\"x\"", "1"])),
            ("type", r => r.Pick(["\"object\"", "\"string\"", "\"integer\"", "\"number\"", "\"array\"", "\"null\"", "[\"string\", \"null\"]", "\"nope\"", "[]", "1"])),
            ("properties", r => depth > 0 ? "{\"a\":" + Schema(r, depth - 1) + ",\"b\":" + Schema(r, depth - 1) + "}" : "{}"),
            ("definitions", r => depth > 0 ? "{\"a\":" + Schema(r, depth - 1) + "}" : "{}"),
            ("$ref", r => "\"" + r.Pick(Refs) + "\""),
            ("required", r => r.Pick(["[\"a\"]", "[]", "\"a\"", "[1]"])),
            ("pattern", r => r.Pick(["\"^[a-z]+$\"", "\"(\"", "\"(a+)+$\"", "\"\\\\p{L}\"", "\"[\"", "1"])),
            ("minimum", r => r.Pick(JsonGen.OddNumbers.Where(n => !n.Contains('x') && n is not ("NaN" or "Infinity" or "-" or "1e" or "+1" or "00" or "01" or "1." or ".1")).ToArray())),
            ("enum", r => r.Pick(["[1, \"a\", null]", "[]", "\"x\"", "[[1]]"])),
            ("items", r => depth > 0 ? Schema(r, depth - 1) : "true"),
            ("additionalProperties", r => r.Pick(["false", "true", "{}", "1"])),
            ("allOf", r => depth > 0 ? "[" + Schema(r, depth - 1) + "]" : "[]"),
            ("format", r => r.Pick(["\"date-time\"", "\"email\"", "\"uri\"", "\"x\"", "\"regex\""])),
            ("maxLength", r => r.Pick(["1", "-1", "1e400", "\"1\"", "0"])),
        };
        return JsonGen.Object(random, depth, fields.OrderBy(_ => random.Next()).Take(1 + random.Next(6)).ToList());
    }
}
