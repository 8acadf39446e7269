using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// Floats as kubectl kustomize and Helm's toYaml print them: Go's JSON encoding first (so 1.0 becomes 1), then the
/// shortest 'g' formatting for what is still a float (1.234567895e+08).
/// </summary>
public static class GoFloat
{
    /// <summary>The text printed for <paramref name="value"/>.</summary>
    public static string Format(double value)
    {
        var json = Json(value);
        return GoInteger.Parse(json) is { } integer ? Convert.ToString(integer, CultureInfo.InvariantCulture)! : G(value);
    }

    /// <summary>Go's encoding/json text of a float64.</summary>
    public static string Json(double value)
    {
        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var e = E(value);
            var at = e.IndexOf('e', StringComparison.Ordinal);
            var exponent = e[(at + 2)..].TrimStart('0');
            return e[..(at + 2)] + (exponent.Length == 0 ? "0" : exponent);
        }

        return F(value);
    }

    /// <summary>strconv.FormatFloat(value, 'g', -1, 64).</summary>
    public static string G(double value) => G(Shortest(value));

    /// <summary>
    /// strconv.FormatFloat(value, 'g', -1, 32): the shortest digits that read back as the same float32, as Kubernetes'
    /// YAML reader writes a YAML float into a Go string field (Chart.yaml's <c>appVersion: 1.10</c> is "1.1").
    /// </summary>
    public static string G32(double value)
    {
        var single = (float)value;
        if (float.IsNaN(single))
        {
            return "NaN";
        }

        if (float.IsInfinity(single))
        {
            return single > 0 ? "+Inf" : "-Inf";
        }

        return G(Shortest(single.ToString("R", CultureInfo.InvariantCulture), single < 0 || (single == 0 && float.IsNegative(single))));
    }

    // 'g' with the shortest digits: %e for exponents below -4 or from 6 up, %f otherwise.
    private static string G((bool Negative, string Digits, int Point) shortest)
    {
        var exponent = shortest.Point - 1;
        return shortest.Digits != "0" && (exponent < -4 || exponent >= 6) ? E(shortest) : F(shortest);
    }

    private static string E(double value) => E(Shortest(value));

    private static string E((bool Negative, string Digits, int Point) shortest)
    {
        var (negative, digits, point) = shortest;
        var text = new StringBuilder();
        text.Append(negative ? "-" : "").Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits.AsSpan(1));
        }

        var exponent = digits == "0" ? 0 : point - 1;
        text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("D2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string F(double value) => F(Shortest(value));

    private static string F((bool Negative, string Digits, int Point) shortest)
    {
        var (negative, digits, point) = shortest;
        var text = new StringBuilder(negative ? "-" : "");
        if (point <= 0)
        {
            text.Append('0');
        }
        else
        {
            text.Append(digits.Length >= point ? digits[..point] : digits + new string('0', point - digits.Length));
        }

        var fraction = point < 0 ? new string('0', -point) + digits : digits.Length > point ? digits[Math.Max(point, 0)..] : "";
        if (digits == "0")
        {
            fraction = "";
        }

        return fraction.Length > 0 ? text.Append('.').Append(fraction).ToString() : text.ToString();
    }

    /// <summary>The shortest round-trip digits and the decimal point position (0.digits × 10^point).</summary>
    private static (bool Negative, string Digits, int Point) Shortest(double value) =>
        Shortest(value.ToString("R", CultureInfo.InvariantCulture), value < 0 || (value == 0 && double.IsNegative(value)));

    // From .NET's shortest round-trip text ("R"), sign included or not.
    private static (bool Negative, string Digits, int Point) Shortest(string roundTrip, bool negative)
    {
        var shortest = roundTrip.TrimStart('-');
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        var all = intPart + fracPart;
        var point = intPart.Length + exponent;
        var trimmedStart = all.TrimStart('0');
        point -= all.Length - trimmedStart.Length;
        var digits = trimmedStart.TrimEnd('0');
        return digits.Length == 0 ? (negative, "0", 1) : (negative, digits, point);
    }
}
