using GitOpsHQ.Contracts.Plugins.V1;
using Grpc.Core;

namespace GitOpsHQ.Plugins.Tests;

/// <summary>Assertions on diagnostics and on errors the caller sees.</summary>
internal static class Expect
{
    public static void Clean(ValidateResponse response)
    {
        Assert.True(response.Valid && response.Diagnostics.Count == 0, Artifact.Show(response.Diagnostics));
    }

    /// <summary>
    /// Asserts one diagnostic with this severity, file and message fragment; and the line when
    /// <paramref name="line"/> is given (0 = unknown is asserted too).
    /// </summary>
    public static Diagnostic Diagnostic(IEnumerable<Diagnostic> diagnostics, Severity severity, string file, string fragment, int? line = null)
    {
        var all = diagnostics.ToList();
        var match = all.FirstOrDefault(d => d.Severity == severity && d.File == file
            && d.Message.Contains(fragment, StringComparison.Ordinal) && (line is null || d.Line == line));
        Assert.True(match is not null,
            $"Expected {severity} in '{file}' (line {line?.ToString() ?? "any"}) containing \"{fragment}\"; got:\n{Artifact.Show(all)}");
        return match!;
    }

    public static Diagnostic Error(ValidateResponse response, string file, string fragment, int? line = null)
    {
        Assert.False(response.Valid, "A response with an error diagnostic must not be valid.");
        return Diagnostic(response.Diagnostics, Severity.Error, file, fragment, line);
    }

    public static Diagnostic Warning(ValidateResponse response, string file, string fragment, int? line = null) =>
        Diagnostic(response.Diagnostics, Severity.Warning, file, fragment, line);

    public static async Task<RpcException> InvalidArgument(Func<Task> call, string fragment)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
        return error;
    }
}
