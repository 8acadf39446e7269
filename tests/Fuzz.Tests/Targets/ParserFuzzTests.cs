using GitOpsHQ.Fuzz.Tests.Harness;
using Xunit.Abstractions;

namespace GitOpsHQ.Fuzz.Tests.Targets;

/// <summary>
/// The YAML readers' bounded runs, the slowest targets (alias bombs and deep nesting cost a second or two each before a
/// limit refuses them): a class of their own, so they run beside the other targets.
/// </summary>
public sealed class YamlFuzzTests(ITestOutputHelper output)
{
    public static readonly string[] Names = ["yaml-plugin-sdk", "yaml-helm-values", "yaml-kustomize-resources"];

    public static TheoryData<string> Targets => [.. Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Generated_inputs_are_read_or_cleanly_refused(string target) =>
        FuzzRunner.Run(ParserTargets.All.Single(t => t.Name == target), output);
}

/// <summary>Each other parser target's bounded run (fixed seed, its CI case count), and every committed regression input replayed.</summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => [.. ParserTargets.All.Select(t => t.Name).Except(YamlFuzzTests.Names)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Generated_inputs_are_read_or_cleanly_refused(string target) =>
        FuzzRunner.Run(ParserTargets.All.Single(t => t.Name == target), output);

    public static TheoryData<string> RegressionFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Regressions.Files().Where(f => ParserTargets.All.Any(t => t.Name == Regressions.TargetOf(f)))) data.Add(file);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RegressionFiles))]
    public void Regression_inputs_are_read_or_cleanly_refused(string file)
    {
        var target = ParserTargets.All.Single(t => t.Name == Regressions.TargetOf(file));
        var input = File.ReadAllBytes(Path.Combine(Regressions.Root, file));
        var outcome = FuzzRunner.RunOne(target, input);
        Assert.False(outcome.IsFinding, $"{file}: {outcome.Describe()}\ninput {target.Show(input)}");
    }

    [Fact]
    public void Every_regression_folder_names_a_target()
    {
        var names = ParserTargets.All.Select(t => t.Name).Concat(DoorTargets.Names).ToHashSet();
        Assert.All(Regressions.Files(), file => Assert.Contains(Regressions.TargetOf(file), names));
    }
}
