namespace GitOpsHQ.Server.Tests.Support;

/// <summary>A fact compared with the real `kubectl kustomize`: skipped, with the reason, where kubectl is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public static bool Installed { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(folder => folder != "" && File.Exists(Path.Combine(folder, "kubectl")));

    public KubectlFactAttribute()
    {
        if (!Installed) Skip = "kubectl is not installed (scripts/prerequisites.sh installs it); this test compares with kubectl kustomize";
    }
}
