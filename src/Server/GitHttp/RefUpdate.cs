namespace GitOpsHQ.Server.GitHttp;

/// <summary>One line a pre-receive hook reads: a ref moving from Old to New (all zeros = none).</summary>
public sealed record RefUpdate(string Old, string New, string Ref)
{
    private static readonly string Zero = new('0', 40);

    public bool Creates => Old == Zero;
    public bool Deletes => New == Zero;

    public static List<RefUpdate> Parse(string input) =>
        input.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 3)
            .Select(parts => new RefUpdate(parts[0], parts[1], parts[2]))
            .ToList();
}
