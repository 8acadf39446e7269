namespace GitOpsHQ.Helm.Values;

/// <summary>One reason a values.schema.json cannot be used, placed in its file (line and column 0 when unknown).</summary>
public sealed record SchemaProblem(string File, string Message, int Line, int Column);

/// <summary>The reasons found while reading a values.schema.json, in the order they were found.</summary>
public sealed class SchemaProblems
{
    private readonly List<SchemaProblem> _problems = [];

    public IReadOnlyList<SchemaProblem> All => _problems;

    public void Error(string file, string message, int line = 0, int column = 0) =>
        _problems.Add(new SchemaProblem(file, message, Math.Max(0, line), Math.Max(0, column)));
}
