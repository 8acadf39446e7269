using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// The order map keys are printed in (as kubectl kustomize and Helm's toYaml do). Keys are compared at the first character where they
/// differ: two letters by code point; a letter comes after anything else ("a-" before "ab", "a10"
/// before "a1b"); otherwise the runs of digits starting there compare as numbers, so "a9" comes
/// before "a10". A key that is a prefix of another comes first. (Go's own order is not
/// transitive for keys like "k1b", "k8", "k18", and then depends on its input order; this one
/// compares each pair the way Go does.)
/// </summary>
internal sealed class KeyOrder : IComparer<string>
{
    public static readonly KeyOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = CodePoints(x ?? "");
        var b = CodePoints(y ?? "");
        var common = Math.Min(a.Length, b.Length);
        var at = 0;
        while (at < common && a[at] == b[at])
        {
            at++;
        }

        var order = at < common ? CompareAt(a, b, at) : a.Length.CompareTo(b.Length);
        return order != 0 ? order : string.CompareOrdinal(x, y);
    }

    private static int CompareAt(int[] a, int[] b, int at)
    {
        bool aLetter = IsLetter(a[at]), bLetter = IsLetter(b[at]);
        if (aLetter && bLetter)
        {
            return a[at].CompareTo(b[at]);
        }

        if (aLetter || bLetter)
        {
            return aLetter ? 1 : -1;
        }

        // A differing zero inside a number that already has a non-zero digit is significant:
        // both numbers are then read as if they had a leading 1.
        long start = (a[at] == '0' || b[at] == '0') && NonZeroDigitBefore(a, at) ? 1 : 0;
        var (aNumber, aEnd) = Number(a, at, start);
        var (bNumber, bEnd) = Number(b, at, start);
        return aNumber != bNumber ? aNumber.CompareTo(bNumber)
            : aEnd != bEnd ? aEnd.CompareTo(bEnd)
            : a[at].CompareTo(b[at]);
    }

    private static bool NonZeroDigitBefore(int[] text, int at)
    {
        for (var i = at - 1; i >= 0 && IsDigit(text[i]); i--)
        {
            if (text[i] != '0')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the digits from <paramref name="from"/> on (wrapping like a 64-bit integer) and where they end.</summary>
    private static (long Value, int End) Number(int[] text, int from, long value)
    {
        var end = from;
        for (; end < text.Length && IsDigit(text[end]); end++)
        {
            value = unchecked((value * 10) + (text[end] - '0'));
        }

        return (value, end);
    }

    private static int[] CodePoints(string text) => text.EnumerateRunes().Select(rune => rune.Value).ToArray();

    private static bool IsLetter(int c) => Rune.IsLetter(new Rune(c));

    private static bool IsDigit(int c) => Rune.GetUnicodeCategory(new Rune(c)) == UnicodeCategory.DecimalDigitNumber;
}
