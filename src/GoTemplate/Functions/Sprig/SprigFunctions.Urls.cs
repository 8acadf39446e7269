using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Urls() =>
    [
        Fn("urlParse", [S], M, (_, a) => UrlParse((string)a[0]!)),
        Fn("urlJoin", [M], S, (_, a) => UrlJoin(a[0])),
    ];

    // A dict of scheme, host, hostname, path, query, opaque, fragment and userinfo (all strings).
    private static Dictionary<string, object?> UrlParse(string text)
    {
        GoUrl url;
        try
        {
            url = GoUrl.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FunctionException("unable to parse url: " + e.Message);
        }
        return new Dictionary<string, object?>
        {
            ["scheme"] = url.Scheme,
            ["host"] = url.Host,
            ["hostname"] = url.Hostname(),
            ["path"] = url.Path,
            ["query"] = url.RawQuery,
            ["opaque"] = url.Opaque,
            ["fragment"] = url.Fragment,
            ["userinfo"] = url.User?.ToString() ?? "",
        };
    }

    // The URL a dict of urlParse's keys describes; missing keys are empty, present ones must be strings.
    private static string UrlJoin(object? dict)
    {
        string Part(string key)
        {
            if (dict is null || !GoMap.TryGet(dict, key, out var value))
            {
                return "";
            }
            return value switch
            {
                string s => s,
                null => throw new FunctionException(SprigValues.NilDereference),
                _ => throw new FunctionException($"unable to parse {key} key, must be of type string, but {KindOf(value)} found"),
            };
        }
        var url = new GoUrl
        {
            Scheme = Part("scheme"),
            Host = Part("host"),
            Path = Part("path"),
            RawQuery = Part("query"),
            Opaque = Part("opaque"),
            Fragment = Part("fragment"),
        };
        var userinfo = Part("userinfo");
        if (userinfo.Length > 0)
        {
            try
            {
                url.User = GoUrl.Parse($"proto://{userinfo}@host").User;
            }
            catch (FormatException e)
            {
                throw new FunctionException("unable to parse userinfo in dict: " + e.Message);
            }
        }
        return url.ToString();
    }
}
