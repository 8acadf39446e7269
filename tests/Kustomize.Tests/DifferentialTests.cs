using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>
/// Every tree under Cases/ is built by the engine and compared with what kubectl kustomize prints for it,
/// committed under Expected/ (&lt;case&gt;.yaml for the output, &lt;case&gt;.error for a refusal): the outputs must
/// be byte-identical, or both must fail on the same problem. A case builds its root, or the directory
/// named in its .root file. With kubectl installed, the committed expectations are checked against it;
/// GITOPSHQ_REGENERATE=1 rewrites them from it.
/// </summary>
public sealed class DifferentialTests
{
    // Problems kustomize reports; a failing case must name one of them in both messages.
    internal static readonly string[] Problems =
    [
        "cycle detected", "no such file or directory", "is not in or below", "already registered id",
        "unable to find one of", "unknown field", "missing metadata.name", "ID conflict", "does not match a config",
        "json: unsupported value", "must be one of", "missing Resource metadata",
        "behavior must be merge or replace", "cannot merge or replace", "illegally repeats the key", "expected key=value",
        "must resolve to a file", "must have a name", "missing key name",
        "missing value", "test failed", "invalid index referenced", "wrong node kind",
        "expected kind != 'Component'", "expected kind 'Component' for path", "file is not directory",
        "is missing for replacement source", "unable to find field", "multiple matches for selector", "nothing selected by",
        "is out of bounds for value", "unable to find or create field", "cannot specify both path and inline replacement",
        "replacements must specify a source", "target must specify resources to select",
        "cannot be mapped to a field in the set of known resources", "not found in corresponding resource", "already encountered",
        "unable to disambiguate",
        "failed to find unique target for patch", "cannot unmarshal string", "into Go struct field",
        "cannot decode",
        "apiVersion for Component should be", "apiVersion for Kustomization should be", "kustomization.yaml is empty",
        "already defined at line", "OpenAPI version is not built in", "namespace is blank for resource",
        "found multiple possible referrals", "cloud provider", "must specify at least one target",
    ];

    private static string CasesDirectory => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(CasesDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_matches_kubectl_kustomize(string name)
    {
        var (directory, root) = Case(name);
        var expected = Expectations.Read(name);

        var (actual, failure) = Build(directory, root);
        if (expected.ExitCode == 0)
        {
            Assert.Null(failure?.Message);
            Assert.Equal(expected.Output, actual);
            return;
        }

        Assert.True(failure is not null, $"kubectl failed ({expected.Error.Trim()}) but the engine built:\n{actual}");
        Assert.True(SameProblem(failure.Message, expected.Error), $"different problems:\nkubectl: {expected.Error.Trim()}\nengine:  {failure.Message}");
    }

    /// <summary>The engine's build of <paramref name="root"/> in the tree at <paramref name="directory"/>: its output, or its refusal.</summary>
    internal static (string? Output, KustomizeBuildException? Failure) Build(string directory, string root, BuildLimits? limits = null)
    {
        try
        {
            return (KustomizeBuild.Run(Files(directory), root, limits ?? BuildLimits.Default), null);
        }
        catch (KustomizeBuildException e)
        {
            return (null, e);
        }
    }

    /// <summary>kubectl's error holds the engine's word for word, or both name the same one of the problems kustomize reports.</summary>
    internal static bool SameProblem(string engine, string kubectl) =>
        kubectl.Contains(engine, StringComparison.Ordinal)
        || Problems.Any(p => engine.Contains(p, StringComparison.Ordinal) && kubectl.Contains(p, StringComparison.Ordinal));

    /// <summary>The committed expectation is what kubectl kustomize prints today (or is rewritten, when regenerating).</summary>
    [KubectlTheory]
    [MemberData(nameof(Cases))]
    public void Committed_expectation_is_what_kubectl_kustomize_prints(string name)
    {
        var (directory, root) = Case(name);
        var kubectl = KubectlKustomize.Build(Path.Combine(directory, root));
        if (Expectations.Regenerating)
        {
            Expectations.Write(name, kubectl);
            return;
        }

        var committed = Expectations.Read(name);
        Assert.Equal(kubectl.ExitCode == 0, committed.ExitCode == 0);
        Assert.Equal(kubectl.ExitCode == 0 ? kubectl.Output : Expectations.Stable(kubectl.Error), committed.ExitCode == 0 ? committed.Output : committed.Error);
    }

    private static (string Directory, string Root) Case(string name)
    {
        var directory = Path.Combine(CasesDirectory, name);
        var rootFile = Path.Combine(directory, ".root");
        return (directory, File.Exists(rootFile) ? File.ReadAllText(rootFile).Trim() : "");
    }

    private static FileSet Files(string directory) =>
        FileSet.From(Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != ".root")
            .Select(path => (Path.GetRelativePath(directory, path).Replace('\\', '/'), File.ReadAllBytes(path))));
}
