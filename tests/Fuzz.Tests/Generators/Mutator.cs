using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>Byte-level mutations of a valid input: bit flips, interesting bytes and tokens, cut, repeated and spliced ranges.</summary>
public static class Mutator
{
    private static readonly byte[] Interesting = [0, 1, 0x7f, 0x80, 0xff, 0xfe, (byte)'\n', (byte)'\r', (byte)'\t', (byte)' ', (byte)'"', (byte)'\'',
        (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)'-', (byte)'#', (byte)'&', (byte)'*', (byte)'!', (byte)'%', (byte)'|',
        (byte)'>', (byte)'@', (byte)'`', (byte)'/', (byte)'.', (byte)'0', (byte)'9'];

    public static byte[] Mutate(Random random, byte[] input, IReadOnlyList<string>? tokens = null, int maxLength = 256 * 1024)
    {
        var data = new List<byte>(input);
        var steps = 1 + random.Next(random.Next(2) == 0 ? 3 : 12);
        for (var s = 0; s < steps; s++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
            switch (random.Next(tokens is null ? 9 : 11))
            {
                case 0 when data.Count > 0:
                    at = Math.Min(at, data.Count - 1);
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[Math.Min(at, data.Count - 1)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(Math.Min(at, data.Count - 1), Math.Min(data.Count - Math.Min(at, data.Count - 1), 1 + random.Next(16)));
                    break;
                case 4 when data.Count > 0:
                {
                    // repeat a range, sometimes many times (nesting and size amplifiers)
                    var start = random.Next(data.Count);
                    var length = Math.Min(data.Count - start, 1 + random.Next(64));
                    var copy = data.GetRange(start, length);
                    var times = random.Next(4) == 0 ? 1 + random.Next(200) : 1;
                    for (var t = 0; t < times && data.Count + length <= maxLength; t++) data.InsertRange(at, copy);
                    break;
                }
                case 5 when data.Count > 0:
                    data.RemoveRange(at == data.Count ? data.Count - 1 : at, data.Count - (at == data.Count ? data.Count - 1 : at)); // truncate
                    break;
                case 6:
                {
                    var bytes = new byte[1 + random.Next(8)];
                    random.NextBytes(bytes);
                    data.InsertRange(at, bytes);
                    break;
                }
                case 7 when data.Count > 1:
                {
                    // swap two ranges' first bytes (line and bracket shuffles)
                    var a = random.Next(data.Count);
                    var b = random.Next(data.Count);
                    (data[a], data[b]) = (data[b], data[a]);
                    break;
                }
                case 8:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Strings.Unicode(random)));
                    break;
                default:
                    if (tokens is { Count: > 0 }) data.InsertRange(at, Encoding.UTF8.GetBytes(tokens[random.Next(tokens.Count)]));
                    break;
            }
        }
        if (data.Count > maxLength) data.RemoveRange(maxLength, data.Count - maxLength);
        return data.ToArray();
    }

    public static byte[] RandomBytes(Random random, int maxLength = 512)
    {
        var bytes = new byte[random.Next(maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }
}

/// <summary>Awkward text: Unicode outside ASCII, line separators, BOMs, controls, zero-width and bidi marks.</summary>
public static class Strings
{
    private static readonly string[] Odd =
    [
        "\u0000", "\u0085", "\u2028", "\u2029", "\ufeff", "\u200c", "\u200d", "\u202e", "\u00a0", "\u3000", "é", "e\u0301", "ß", "İ", "ı",
        "\U0001F600", "中文", "\uFFFD", "\u0007", "\u001b[31m", "\t", "\r\n", "\r", "\v", "\f", "\u00ff", "\uffff", "\ufffe", "Ω", "K",
    ];

    public static string Unicode(Random random) => Odd[random.Next(Odd.Length)];

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A short identifier-like word, sometimes odd.</summary>
    public static string Word(Random random)
    {
        if (random.Next(8) == 0) return Unicode(random) + "x";
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var length = 1 + random.Next(8);
        var word = new StringBuilder();
        for (var i = 0; i < length; i++) word.Append(letters[random.Next(letters.Length)]);
        return word.ToString();
    }
}
