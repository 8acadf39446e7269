using System.Collections;
using System.Numerics;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// Go template truth: false, 0, nil, the empty string and empty slices and maps are false;
/// everything else (including any struct) is true. Named integer types with methods count by their number.
/// </summary>
public static class GoTruth
{
    public static bool IsTrue(object? value) => value switch
    {
        null or NoValue => false,
        bool b => b,
        string s => s.Length > 0,
        byte[] b => b.Length > 0,
        double d => d != 0,
        float f => f != 0,
        Complex c => c != Complex.Zero,
        ICollection c => c.Count > 0,
        _ when GoMap.Is(value) => GoMap.Count(value) > 0,
        _ => GoTypes.KindOf(value) switch
        {
            GoKind.Int => GoTypes.ToInt64(value) != 0,
            GoKind.Uint => GoTypes.ToUInt64(value) != 0,
            _ => true,
        },
    };
}
