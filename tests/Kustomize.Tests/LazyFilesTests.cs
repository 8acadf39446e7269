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

    [Fact]
    public void A_set_on_disk_reads_what_the_build_uses_and_lists_only_when_enumerated()
    {
        var folder = Directory.CreateTempSubdirectory("gitopshq-ondisk-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "app"));
            Directory.CreateDirectory(Path.Combine(folder, "other"));
            Directory.CreateDirectory(Path.Combine(folder, ".git"));
            File.WriteAllText(Path.Combine(folder, "app", "kustomization.yaml"), "resources:\n- cm.yaml\n");
            File.WriteAllText(Path.Combine(folder, "app", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
            File.WriteAllText(Path.Combine(folder, "other", "notes.txt"), "unrelated");
            File.WriteAllText(Path.Combine(folder, ".git", "HEAD"), "ref: refs/heads/main\n");
            using (var large = File.Create(Path.Combine(folder, "other", "large.bin"))) large.SetLength(2048);
            var files = FileSet.OnDisk(folder, 1024, ".git");

            Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", KustomizeBuild.Run(files, "app"));
            Assert.Equal(["app/cm.yaml", "app/kustomization.yaml"], files.LoadedPaths.Order(StringComparer.Ordinal));
            Assert.True(files.IsDirectory("other"));
            Assert.False(files.IsDirectory("missing"));
            Assert.False(files.Contains(".git/HEAD"));
            Assert.False(files.Contains("../escape"));
            Assert.Contains("over the limit of 1024 bytes", Assert.Throws<FileSetException>(() => files.Bytes("other/large.bin")).Message);

            // Enumerating lists the folder: every file but skipped folders and files over the limit.
            Assert.Equal(["app/cm.yaml", "app/kustomization.yaml", "other/notes.txt"], files.Paths);
            Assert.Equal("unrelated", files.Text("other/notes.txt"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
