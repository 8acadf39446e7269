using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Harness;

public static class Inputs
{
    private static readonly UTF8Encoding Strict = new(false, true);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The input as the product reads text: UTF-8, invalid sequences replaced.</summary>
    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);

    /// <summary>An input for a failure message: C#-escaped text when it is UTF-8, else base64.</summary>
    public static string Show(byte[] input)
    {
        const int max = 4000;
        string text;
        try
        {
            text = Strict.GetString(input);
        }
        catch (DecoderFallbackException)
        {
            var b64 = Convert.ToBase64String(input);
            return $"base64 ({input.Length} bytes): " + (b64.Length > max ? b64[..max] + "…" : b64);
        }

        var shown = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' or '\ufeff' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return $"text ({input.Length} bytes): \"{shown}\"" + (text.Length > max ? "…" : "");
    }
}
