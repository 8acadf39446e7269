using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Helm's <c>include</c>: executes a named template and returns its text. A name included within itself more
/// than 1000 times deep stops the render.
/// </summary>
internal sealed class IncludeTracker
{
    private const int MaxRecursion = 1000;

    // Per thread: a parsed template set (and so this tracker) serves concurrent renders, each on its own thread,
    // and the count is restored as each include returns.
    [ThreadStatic]
    private static Dictionary<string, int>? _depthByName;

    public string Include(FunctionCall call, string name, object? data)
    {
        var depths = _depthByName ??= new Dictionary<string, int>(StringComparer.Ordinal);
        var depth = depths.GetValueOrDefault(name);
        if (depth > MaxRecursion)
        {
            throw new FunctionException($"rendering template has a nested reference name: {name}: unable to execute template");
        }
        depths[name] = depth + 1;
        try
        {
            return call.ExecuteTemplate(name, data);
        }
        finally
        {
            depths[name] = depth;
        }
    }
}
