using GitOpsHQ.Contracts.Plugins.V1;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Sdk.Validation;

/// <summary>
/// The findings of one validation, in the order they were made. Findings are never exceptions:
/// the artifact is valid while no finding is an error.
/// </summary>
public sealed class ValidationReport
{
    /// <summary>Findings kept in full; beyond this they are only counted.</summary>
    public const int MaxDiagnostics = 1000;

    private readonly List<Diagnostic> _diagnostics = [];
    private int _omitted;
    private bool _omittedErrors;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public bool HasErrors => _omittedErrors || _diagnostics.Any(d => d.Severity == Severity.Error);

    public void Error(string file, string message, int line = 0, int column = 0) =>
        Add(Severity.Error, file, message, line, column);

    public void Warning(string file, string message, int line = 0, int column = 0) =>
        Add(Severity.Warning, file, message, line, column);

    /// <summary>An error placed at a YAML position.</summary>
    public void Error(string file, Mark at, string message) =>
        Add(Severity.Error, file, message, Clamp(at.Line), Clamp(at.Column));

    /// <summary>A warning placed at a YAML position.</summary>
    public void Warning(string file, Mark at, string message) =>
        Add(Severity.Warning, file, message, Clamp(at.Line), Clamp(at.Column));

    /// <summary>An error placed where a YAML node starts.</summary>
    public void Error(string file, YamlNode at, string message) => Error(file, at.Start, message);

    /// <summary>A warning placed where a YAML node starts.</summary>
    public void Warning(string file, YamlNode at, string message) => Warning(file, at.Start, message);

    public void Add(Diagnostic diagnostic)
    {
        if (_diagnostics.Count < MaxDiagnostics)
        {
            _diagnostics.Add(diagnostic);
            return;
        }

        _omitted++;
        _omittedErrors |= diagnostic.Severity == Severity.Error;
    }

    public ValidateResponse ToResponse(string description = "")
    {
        var response = new ValidateResponse { Valid = !HasErrors, Description = description };
        response.Diagnostics.AddRange(_diagnostics);
        if (_omitted > 0)
        {
            response.Diagnostics.Add(new Diagnostic
            {
                Severity = _omittedErrors ? Severity.Error : Severity.Warning,
                Message = $"{_omitted} more findings are not listed; fix the ones above first.",
            });
        }

        return response;
    }

    private void Add(Severity severity, string file, string message, int line, int column) =>
        Add(new Diagnostic
        {
            Severity = severity,
            File = file,
            Line = Math.Max(0, line),
            Column = Math.Max(0, column),
            Message = message,
        });

    private static int Clamp(long value) => value > int.MaxValue ? 0 : (int)value;
}
