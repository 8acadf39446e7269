using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>
/// File paths and refs people and attackers write: '..' and '.', empty segments, percent-encodings, backslashes,
/// '.git' in the forms Git and file systems treat as it (case, trailing dots and spaces, NTFS streams and 8.3 names,
/// HFS-ignored characters), control characters, Unicode and long names.
/// </summary>
public static class PathGen
{
    public static readonly string[] Segments =
    [
        "..", ".", "", ".git", ".GIT", ".git.", ".git ", ".git::$INDEX_ALLOCATION", ".git:stream", "git~1", "GIT~1", ".g\u200cit", ".gi\ufefft",
        "\u200d.git", ".git\u202e", "%2e%2e", "%2E%2e", "%2f", "%5c", "%00", "..%2f", "%252e%252e", "..\\", "\\..", "C:", "c:\\x", "~", "~user", "CON",
        "nul.txt", "a\u0000b", "a\nb", "a\u007fb", "a\u0085b", "é", "e\u0301", "\U0001F600", " ", "  x  ", ".x", "x.", "...", "....", "a:b", "*", "?", "[",
        "@{", "^", ".lock", "x.lock", "HEAD", "main", "values.yaml", "Chart.yaml", "templates", "kustomization.yaml", "charts",
    ];

    public static string Segment(Random random) => random.Next(3) switch
    {
        0 => random.Pick(Segments),
        1 when random.Next(10) == 0 => new string('x', 200 + random.Next(100)),
        _ => Strings.Word(random) + random.Pick(["", "", ".yaml", ".tpl", ".json", ".txt", "/"]),
    };

    public static string Path(Random random)
    {
        var path = new StringBuilder();
        if (random.Next(12) == 0) path.Append(random.Pick(["/", "./", "\\", "//", "C:/", "file:", "%2f"]));
        var count = 1 + random.Next(random.Next(20) == 0 ? 300 : 5);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) path.Append(random.Next(12) == 0 ? random.Pick(["//", "\\", "%2F", "/./"]) : "/");
            path.Append(Segment(random));
        }
        if (random.Next(12) == 0) path.Append('/');
        return path.ToString();
    }

    /// <summary>An entry name inside an archive: mostly ordinary, sometimes hostile.</summary>
    public static string ArchiveName(Random random) => random.Next(4) == 0
        ? Path(random)
        : string.Join('/', Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Strings.Word(random))) + random.Pick([".yaml", ".txt", ""]);

    /// <summary>A ref: main, a version, a commit id, their explicit forms, or something else.</summary>
    public static string Ref(Random random) => random.Next(10) switch
    {
        0 => "main",
        1 => "version:" + Version(random),
        2 => "commit:" + Hex(random, random.Next(3, 45)),
        3 => Hex(random, random.Next(3, 45)),
        4 or 5 => Version(random),
        6 => Path(random),
        _ => Encoding.UTF8.GetString(Mutator.Mutate(random, Encoding.UTF8.GetBytes(Version(random)), Segments)),
    };

    public static string Version(Random random) => random.Next(8) switch
    {
        0 => random.Pick(["1.0.0", "v1.2.3", "1.0", "1", "01.2.3", "1.2.3-", "1.2.3+", "1.2.3-rc.1+build.5", "1.2.3-01", "1.2.3_meta",
            "99999999999999999999.0.0", "1.2.3-" + new string('a', 300), "1.2.3-a..b", "0.0.0-0", "=1.2.3", " 1.2.3", "1.2.3 ", "１.2.3"]),
        _ => $"{random.Next(100)}.{random.Next(100)}.{random.Next(100)}" + random.Pick(["", "", "-rc.1", "-alpha", "+build", "-x.7+y.z", "-" + Strings.Word(random)]),
    };

    public static string Hex(Random random, int length)
    {
        var hex = new StringBuilder();
        for (var i = 0; i < length; i++) hex.Append("0123456789abcdefABCDEFg"[random.Next(random.Next(10) == 0 ? 23 : 16)]);
        return hex.ToString();
    }
}
