using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.Cli;

/// <summary>
/// <c>--set-file a.b=path,c=path</c>: each assignment's value is the text of the named file, read here (the engine
/// never reads local files) and handed on as one <see cref="ValueOverrideKind.SetFile"/> override per key.
/// </summary>
internal static class SetFile
{
    public static IEnumerable<ValueOverride> Read(string flag)
    {
        foreach (var assignment in Assignments(flag))
        {
            var equals = assignment.IndexOf('=');
            if (equals < 0)
            {
                throw new ArgumentException($"failed parsing --set-file data: key \"{assignment}\" has no value");
            }

            var path = assignment[(equals + 1)..];
            var text = File.Exists(path) ? File.ReadAllText(path) : throw new IOException($"failed parsing --set-file data: open {path}: no such file or directory");
            yield return new ValueOverride(ValueOverrideKind.SetFile, $"{assignment[..equals]}={text}");
        }
    }

    // Assignments are separated by commas; a backslash keeps the next character as it is.
    private static IEnumerable<string> Assignments(string flag)
    {
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < flag.Length; i++)
        {
            switch (flag[i])
            {
                case '\\' when i + 1 < flag.Length:
                    current.Append(flag[i]).Append(flag[++i]);
                    break;
                case ',':
                    yield return current.ToString();
                    current.Clear();
                    break;
                default:
                    current.Append(flag[i]);
                    break;
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
