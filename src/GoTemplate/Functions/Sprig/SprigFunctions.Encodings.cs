using GitOpsHQ.GoTemplate.Values;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    /// <summary>Base64 and base32 of a string's UTF-8 bytes; a decoding failure gives Go's error text as the result.</summary>
    private static IEnumerable<GoFunction> Encodings() =>
    [
        OfText("b64enc", s => Convert.ToBase64String(GoStrings.Bytes(s))),
        OfText("b64dec", s => GoBase64.Decode(s, out var bytes) is { } error ? error : GoStrings.FromBytes(bytes)),
        OfText("b32enc", s => GoBase32.Encode(GoStrings.Bytes(s))),
        OfText("b32dec", s => GoBase32.Decode(s, out var bytes) is { } error ? error : GoStrings.FromBytes(bytes)),
    ];
}
