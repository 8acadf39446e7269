using System.Globalization;
using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>JSON texts: random trees with odd numbers, escapes, repeated keys and deep nesting, then sometimes mutated.</summary>
public static class JsonGen
{
    public static readonly string[] OddNumbers =
    [
        "0", "-0", "1e400", "-1e-400", "1E+2", "123456789012345678901234567890", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "2147483648", "-2147483649", "0.1", "1.0", "3.0e0", "00", "01", "1.", ".1", "+1", "NaN", "Infinity", "0x10", "1e", "-",
    ];

    public static readonly string[] Tokens = ["{", "}", "[", "]", ",", ":", "\"", "\\u0000", "\\ud800", "\\", "null", "true", "1e999", "{\"a\":", "[[[["];

    public static byte[] Generate(Random random) => random.Next(10) switch
    {
        0 => Mutator.RandomBytes(random),
        1 => Encoding.UTF8.GetBytes(Deep(random)),
        < 5 => Mutator.Mutate(random, Encoding.UTF8.GetBytes(Value(random, 5)), Tokens),
        _ => Encoding.UTF8.GetBytes(Value(random, 5)),
    };

    public static string Deep(Random random)
    {
        var depth = 10 + random.Next(random.Next(3) == 0 ? 100_000 : 300);
        return random.Next(2) == 0
            ? new string('[', depth) + new string(']', random.Next(depth + 1))
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', random.Next(depth + 1));
    }

    public static string Value(Random random, int depth) => (depth <= 0 ? random.Next(4) : random.Next(7)) switch
    {
        0 => Scalar(random),
        1 => String(random),
        2 => random.Pick(OddNumbers),
        3 => random.Pick(["null", "true", "false"]),
        4 or 5 => Object(random, depth - 1, null),
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(5)).Select(_ => Value(random, depth - 1))) + "]",
    };

    public static string Scalar(Random random) => random.Next(3) switch
    {
        0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
        1 => (random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture),
        _ => String(random),
    };

    public static string String(Random random) => random.Next(6) switch
    {
        0 => "\"\\u0000\\ud800\\udc00\\uDFFF\\\"\\/\\b\\f\\n\\r\\t\"",
        1 => "\"" + Strings.Unicode(random).Replace("\"", "").Replace("\\", "") + "\"",
        _ => "\"" + Strings.Word(random) + "\"",
    };

    /// <summary>An object with some of <paramref name="fields"/> (each with a random value, sometimes given twice) and random keys.</summary>
    public static string Object(Random random, int depth, IReadOnlyList<(string Key, Func<Random, string> Value)>? fields)
    {
        var members = new List<string>();
        if (fields is not null)
        {
            foreach (var (key, value) in fields)
            {
                if (random.Next(8) == 0) continue;
                members.Add($"\"{key}\":" + (random.Next(6) == 0 ? Value(random, depth) : value(random)));
                if (random.Next(20) == 0) members.Add($"\"{key}\":" + Value(random, depth));
            }
        }
        var extra = random.Next(fields is null ? 5 : 2);
        for (var i = 0; i < extra; i++) members.Add(String(random) + ":" + Value(random, depth));
        return "{" + string.Join(",", members.OrderBy(_ => random.Next())) + "}";
    }
}
