using System.Diagnostics;
using GitOpsHQ.Plugins.Kustomize;

namespace GitOpsHQ.Plugins.Tests.Kustomize;

public class KustomizeScaffoldTests
{
    [Fact]
    public async Task The_scaffold_has_the_base_files()
    {
        var scaffold = await new KustomizeBaseHandler().Scaffold(new() { Name = "orders" }, Artifact.Call());

        Assert.Equal(
            ["configmap.yaml", "deployment.yaml", "kustomization.yaml", "patches/resource-limits.yaml", "service.yaml"],
            scaffold.Files.Select(f => f.Path));
        Assert.All(scaffold.Files, f => Assert.DoesNotContain("__", f.Content.ToStringUtf8(), StringComparison.Ordinal));
        Assert.Contains("app.kubernetes.io/name: orders", Artifact.Text(scaffold.Files, "kustomization.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scaffold_validates_clean()
    {
        var handler = new KustomizeBaseHandler();
        var scaffold = await handler.Scaffold(new() { Name = "orders", Description = "Order service\nbase" }, Artifact.Call());

        Expect.Clean(await handler.Validate(Artifact.ValidateRequest("orders", scaffold.Files), Artifact.Call()));
    }

    [KubectlFact]
    public async Task The_scaffold_builds_with_kubectl_kustomize()
    {
        var scaffold = await new KustomizeBaseHandler().Scaffold(new() { Name = "orders", Description = "Orders" }, Artifact.Call());
        var directory = Directory.CreateTempSubdirectory("kustomize-scaffold-");
        try
        {
            foreach (var file in scaffold.Files)
            {
                var path = Path.Combine(directory.FullName, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Content.ToByteArray());
            }

            var (exitCode, output, errors) = await Run("kubectl", "kustomize", directory.FullName);

            Assert.True(exitCode == 0, $"kubectl kustomize exited {exitCode}: {errors}");
            Assert.Contains("kind: Deployment", output, StringComparison.Ordinal);
            Assert.Contains("kind: Service", output, StringComparison.Ordinal);
            Assert.Contains("kind: ConfigMap", output, StringComparison.Ordinal);
            Assert.Contains("memory: 256Mi", output, StringComparison.Ordinal);
            Assert.Contains("app.kubernetes.io/name: orders", output, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
