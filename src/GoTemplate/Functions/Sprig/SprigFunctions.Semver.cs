using GitOpsHQ.GoTemplate.Values;
using GitOpsHQ.Versions;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Semver() =>
    [
        Fn("semver", [S], SemverObject.PointerType, (_, a) => Versioned(() => SemverObject.Pointer(SemanticVersion.Parse((string)a[0]!)))),
        Fn("semverCompare", [S, S], GoType.Bool, (_, a) =>
            Versioned(() => VersionConstraints.Parse((string)a[0]!).IsSatisfiedBy(SemanticVersion.Parse((string)a[1]!)))),
    ];

    /// <summary>A version the library cannot read fails the function with the library's message.</summary>
    internal static T Versioned<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (VersionFormatException e)
        {
            throw new FunctionException(e.Message);
        }
    }
}

/// <summary>
/// A semantic version as templates see the library's <c>*semver.Version</c> (from <c>semver</c>) and
/// <c>semver.Version</c> (from its Inc/Set methods): methods Major, Minor, Patch (uint64), Prerelease, Metadata,
/// String, IncMajor/IncMinor/IncPatch, SetPrerelease/SetMetadata, and on the pointer Original, Compare,
/// LessThan, GreaterThan and Equal. Printed as its canonical text.
/// </summary>
internal sealed class SemverObject : GoStruct, IGoJsonMarshaler
{
    public static readonly GoType PointerType = GoType.Named("*semver.Version");

    private SemverObject(string typeName, SemanticVersion version)
        : base(typeName)
    {
        Version = version;
        Method(new GoFunction("Major", [], GoType.Named("uint64", false), (_, _) => version.Major));
        Method(new GoFunction("Minor", [], GoType.Named("uint64", false), (_, _) => version.Minor));
        Method(new GoFunction("Patch", [], GoType.Named("uint64", false), (_, _) => version.Patch));
        Method(new GoFunction("Prerelease", [], GoType.String, (_, _) => version.Prerelease));
        Method(new GoFunction("Metadata", [], GoType.String, (_, _) => version.Metadata));
        Method(new GoFunction("String", [], GoType.String, (_, _) => version.ToString()));
        Method(new GoFunction("IncMajor", [], ValueType, (_, _) => Value((version with { Major = version.Major + 1, Minor = 0, Patch = 0, Prerelease = "", Metadata = "" }).WithText())));
        Method(new GoFunction("IncMinor", [], ValueType, (_, _) => Value((version with { Minor = version.Minor + 1, Patch = 0, Prerelease = "", Metadata = "" }).WithText())));
        Method(new GoFunction("IncPatch", [], ValueType, (_, _) => Value((version with
        {
            Patch = version.Prerelease.Length > 0 ? version.Patch : version.Patch + 1,
            Prerelease = "",
            Metadata = "",
        }).WithText())));
        Method(new GoFunction("SetPrerelease", [GoType.String], ValueType, (_, a) => Value(SetPrerelease(version, (string)a[0]!))));
        Method(new GoFunction("SetMetadata", [GoType.String], ValueType, (_, a) => Value(SetMetadata(version, (string)a[0]!))));
        if (typeName == PointerType.Name)
        {
            Method(new GoFunction("Original", [], GoType.String, (_, _) => version.Original));
            Method(new GoFunction("Compare", [PointerType], GoType.Int, (_, a) => (nint)version.CompareTo(Of(a[0]))));
            Method(new GoFunction("LessThan", [PointerType], GoType.Bool, (_, a) => version.CompareTo(Of(a[0])) < 0));
            Method(new GoFunction("GreaterThan", [PointerType], GoType.Bool, (_, a) => version.CompareTo(Of(a[0])) > 0));
            Method(new GoFunction("Equal", [PointerType], GoType.Bool, (_, a) => version.CompareTo(Of(a[0])) == 0));
        }
    }

    private static readonly GoType ValueType = GoType.Named("semver.Version", false);

    public SemanticVersion Version { get; }

    /// <summary>The library's MarshalJSON: the canonical text.</summary>
    public object? JsonValue() => Version.ToString();

    public static SemverObject Pointer(SemanticVersion version) => new(PointerType.Name, version);

    public static SemverObject Value(SemanticVersion version) => new(ValueType.Name, version);

    // A nil *semver.Version argument is dereferenced by the method, as in Go.
    private static SemanticVersion Of(object? value) =>
        (value as SemverObject)?.Version ?? throw new FunctionException(SprigValues.NilDereference);

    private static SemanticVersion SetPrerelease(SemanticVersion version, string prerelease)
    {
        if (prerelease.Length > 0)
        {
            SprigFunctions.Versioned(() => { SemanticVersion.ValidatePrerelease(prerelease); return true; });
        }
        return (version with { Prerelease = prerelease }).WithText();
    }

    private static SemanticVersion SetMetadata(SemanticVersion version, string metadata)
    {
        if (metadata.Length > 0)
        {
            SprigFunctions.Versioned(() => { SemanticVersion.ValidateMetadata(metadata); return true; });
        }
        return (version with { Metadata = metadata }).WithText();
    }
}
