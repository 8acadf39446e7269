using GitOpsHQ.Files;
using GitOpsHQ.Kustomize;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Builds small in-memory file sets with the engine.</summary>
internal static class Build
{
    public static string Run(params (string Path, string Text)[] files) => KustomizeBuild.Run(Files(files));

    public static KustomizeBuildException Fails(params (string Path, string Text)[] files) =>
        Assert.Throws<KustomizeBuildException>(() => KustomizeBuild.Run(Files(files)));

    /// <summary>One resource file plus a kustomization with <paramref name="kustomization"/> fields.</summary>
    public static string One(string resource, string kustomization = "") =>
        Run(("kustomization.yaml", "resources:\n- r.yaml\n" + kustomization), ("r.yaml", resource));

    private static FileSet Files((string Path, string Text)[] files) => FileSet.FromTexts(files);
}
