using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    // Go's path package; the os* forms are path/filepath, which on Linux (where Helm renders) reads paths alike.
    private static IEnumerable<GoFunction> Paths() =>
    [
        OfText("base", PathBase),
        OfText("dir", PathDir),
        OfText("clean", PathClean),
        OfText("ext", PathExt),
        Fn("isAbs", [S], GoType.Bool, (_, a) => ((string)a[0]!).StartsWith('/')),
        OfText("osBase", PathBase),
        OfText("osClean", PathClean),
        OfText("osDir", PathDir),
        OfText("osExt", PathExt),
        Fn("osIsAbs", [S], GoType.Bool, (_, a) => ((string)a[0]!).StartsWith('/')),
    ];

    // The last element, trailing slashes ignored; "." for "" and "/" for only slashes.
    private static string PathBase(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }
        p = p.TrimEnd('/');
        if (p.Length == 0)
        {
            return "/";
        }
        var slash = p.LastIndexOf('/');
        return slash >= 0 ? p[(slash + 1)..] : p;
    }

    // Everything before the last element, cleaned.
    private static string PathDir(string p) => PathClean(p[..(p.LastIndexOf('/') + 1)]);

    // The suffix from the last '.' of the last element, or "".
    private static string PathExt(string p)
    {
        for (var i = p.Length - 1; i >= 0 && p[i] != '/'; i--)
        {
            if (p[i] == '.')
            {
                return p[i..];
            }
        }
        return "";
    }

    // The shortest equivalent path: one slash between elements, no "." elements, ".." cancelling the element
    // before it (and dropped at the root), "." for nothing.
    private static string PathClean(string p)
    {
        if (p.Length == 0)
        {
            return ".";
        }
        var rooted = p[0] == '/';
        var parts = new List<string>();
        var leadingUps = 0;
        foreach (var element in p.Split('/'))
        {
            switch (element)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count > leadingUps)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                    else if (!rooted)
                    {
                        parts.Add("..");
                        leadingUps++;
                    }
                    break;
                default:
                    parts.Add(element);
                    break;
            }
        }
        var sb = new StringBuilder(rooted ? "/" : "");
        sb.AppendJoin('/', parts);
        return sb.Length == 0 ? "." : sb.ToString();
    }
}
