using System.Text;
using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>A lazily read file set (a local checkout): the build reads only the files it uses, and the size limit counts those.</summary>
public sealed class LazyFilesTests
{
    [Fact]
    public void Files_the_build_does_not_use_are_never_read()
    {
        Func<byte[]> text(string s) => () => Encoding.UTF8.GetBytes(s);
        var files = FileSet.Lazy(
        [
            ("app/kustomization.yaml", text("resources:\n- cm.yaml\n")),
            ("app/cm.yaml", text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")),
            ("other/huge.bin", () => throw new InvalidOperationException("an unrelated file was read")),
        ]);
        var limits = new BuildLimits { MaxInputBytes = 1024 };

        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", KustomizeBuild.Run(files, "app", limits));
        Assert.DoesNotContain("other/huge.bin", files.LoadedPaths);
    }
}
