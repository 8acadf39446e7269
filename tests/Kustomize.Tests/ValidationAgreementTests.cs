using GitOpsHQ.Files;
using Google.Protobuf;
using GitOpsHQ.Contracts;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Kustomize;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>
/// A base's validation (what publishing runs) and its build (what rendering runs) agree: what validates builds, and
/// what builds validates — on every case of the corpus and on every refusal the build has.
/// </summary>
public sealed class ValidationAgreementTests
{
    private static ValidateResponse Validate(IEnumerable<ArtifactFile> files) =>
        new KustomizeBaseHandler().Validate(new ValidateRequest { Name = "base", Files = { files } }, new InProcessCallContext("Validate", default)).Result;

    private static (bool Built, string Problem) Build(IEnumerable<ArtifactFile> files)
    {
        try
        {
            KustomizeBuild.Run(FileSet.From(files.Select(f => (f.Path, f.Content.ToByteArray()))));
            return (true, "");
        }
        catch (KustomizeBuildException e)
        {
            return (false, e.Message);
        }
    }

    private static ArtifactFile File(string path, string text) => new() { Path = path, Content = ByteString.CopyFromUtf8(text) };

    public static TheoryData<string> Cases() => DifferentialTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validation_agrees_with_the_build_on_the_corpus(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Cases", name);
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(p => Path.GetFileName(p) != ".root")
            .Select(p => new ArtifactFile { Path = Path.GetRelativePath(directory, p).Replace('\\', '/'), Content = ByteString.CopyFrom(System.IO.File.ReadAllBytes(p)) })
            .ToList();
        if (!files.Any(f => f.Path is "kustomization.yaml" or "kustomization.yml" or "Kustomization")) return; // not a base at its root
        var (built, problem) = Build(files);
        var validation = Validate(files);
        Assert.True(built == validation.Valid,
            $"build {(built ? "succeeds" : $"fails ({problem})")} but validation says {(validation.Valid ? "valid" : "invalid")}: " +
            string.Join("; ", validation.Diagnostics.Select(d => $"{d.Severity} {d.File}:{d.Line} {d.Message}")));
    }

    public static TheoryData<string, string[]> Refusals => new()
    {
        { "helm chart inflation", ["kustomization.yaml", "helmCharts:\n- name: web\n  repo: https://charts.example.com\n"] },
        { "unknown field", ["kustomization.yaml", "resourcez:\n- a.yaml\n"] },
        { "missing resource", ["kustomization.yaml", "resources:\n- missing.yaml\n"] },
        { "cycle", ["kustomization.yaml", "resources:\n- a\n", "a/kustomization.yaml", "resources:\n- ../b\n", "b/kustomization.yaml", "resources:\n- ../a\n"] },
        { "generator without name", ["kustomization.yaml", "configMapGenerator:\n- literals:\n  - a=b\n"] },
        { "patch without target", ["kustomization.yaml", "resources:\n- cm.yaml\npatches:\n- patch: |-\n    - op: add\n      path: /data/x\n      value: y\n",
            "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"] },
        { "not kubernetes objects", ["kustomization.yaml", "resources:\n- a.yaml\n", "a.yaml", "just: text\n"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_base_the_build_refuses_does_not_validate(string what, string[] pathsAndTexts)
    {
        var files = pathsAndTexts.Chunk(2).Select(pair => File(pair[0], pair[1])).ToList();
        var (built, problem) = Build(files);
        Assert.False(built, $"{what}: the build accepted it");
        var validation = Validate(files);
        Assert.False(validation.Valid, $"{what}: validation accepted what the build refuses ({problem})");
    }

    [Fact]
    public void Kustomizations_nested_one_level_deeper_than_the_build_allows_do_not_validate_and_one_level_less_do()
    {
        foreach (var (depth, builds) in new[] { (BuildLimits.Default.MaxKustomizationDepth, true), (BuildLimits.Default.MaxKustomizationDepth + 1, false) })
        {
            var files = new List<ArtifactFile>();
            var folder = "";
            for (var level = 1; level < depth; level++)
            {
                files.Add(File(folder + "kustomization.yaml", "resources:\n- next\n"));
                folder += "next/";
            }
            files.Add(File(folder + "kustomization.yaml", "resources:\n- cm.yaml\n"));
            files.Add(File(folder + "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n"));
            Assert.Equal(builds, Build(files).Built);
            Assert.Equal(builds, Validate(files).Valid);
        }
    }
}
