using GitOpsHQ.Plugins.Helm.GoTemplate.Functions;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Helm's <c>include</c>: executes a named template and returns its text. A name included within itself more
/// than 1000 times deep stops the render.
/// </summary>
internal sealed class IncludeTracker
{
    private const int MaxRecursion = 1000;

    private readonly Dictionary<string, int> _depth = new(StringComparer.Ordinal);

    public string Include(FunctionCall call, string name, object? data)
    {
        var depth = _depth.GetValueOrDefault(name);
        if (depth > MaxRecursion)
        {
            throw new FunctionException($"rendering template has a nested reference name: {name}: unable to execute template");
        }
        _depth[name] = depth + 1;
        try
        {
            return call.ExecuteTemplate(name, data);
        }
        finally
        {
            _depth[name] = depth;
        }
    }
}
