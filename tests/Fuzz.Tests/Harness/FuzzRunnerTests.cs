namespace GitOpsHQ.Fuzz.Tests.Harness;

/// <summary>
/// The runner's own verdicts on cases whose behaviour is known, so a measure that stops measuring fails here. Heap growth
/// is the process's, so these run alone, after the targets.
/// </summary>
[Collection(Alone)]
public sealed class FuzzRunnerTests
{
    public const string Alone = "fuzz runner, alone";

    private const long Bound = 64L * 1024 * 1024;

    private static FuzzTarget Target(Action<CancellationToken> check, TimeSpan? budget = null) => new()
    {
        Name = "runner-self-test",
        Generate = _ => [],
        Check = (_, token) => check(token),
        IsRefusal = e => e is InvalidDataException,
        Budget = budget,
        MaxAllocatedBytes = Bound,
    };

    [Fact]
    public void A_case_that_finishes_is_held_to_what_it_allocated()
    {
        var outcome = FuzzRunner.RunOne(Target(_ => Churn(Bound * 2, CancellationToken.None)), []);
        Assert.Equal(Verdict.OverMemory, outcome.Verdict);
        Assert.True(outcome.AllocatedBytes > Bound);
    }

    [Fact]
    public void Garbage_made_until_the_budget_ends_a_case_is_not_a_finding()
    {
        var outcome = FuzzRunner.RunOne(Target(token => Churn(long.MaxValue, token), TimeSpan.FromMilliseconds(300)), []);
        Assert.Equal(Verdict.Refused, outcome.Verdict);
        Assert.True(outcome.StoppedByBudget);
    }

    [Fact]
    public void Memory_kept_until_the_budget_ends_a_case_is_a_finding()
    {
        var kept = new List<byte[]>();
        var outcome = FuzzRunner.RunOne(Target(token =>
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (kept.Count < 2 * Bound / (1024 * 1024)) kept.Add(new byte[1024 * 1024]);
                else Thread.Sleep(5);
            }
        }, TimeSpan.FromMilliseconds(500)), []);
        Assert.Equal(Verdict.OverMemory, outcome.Verdict);
        Assert.True(outcome.StoppedByBudget);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void A_refusal_of_its_own_kind_is_refused_and_any_other_exception_is_a_crash()
    {
        Assert.Equal(Verdict.Refused, FuzzRunner.RunOne(Target(_ => throw new InvalidDataException("bad")), []).Verdict);
        Assert.Equal(Verdict.Crashed, FuzzRunner.RunOne(Target(_ => throw new NullReferenceException()), []).Verdict);
    }

    // Short-lived arrays, dropped at once: allocation without growth.
    private static void Churn(long bytes, CancellationToken token)
    {
        for (long made = 0; made < bytes; made += 64 * 1024)
        {
            token.ThrowIfCancellationRequested();
            GC.KeepAlive(new byte[64 * 1024]);
        }
    }
}

[CollectionDefinition(FuzzRunnerTests.Alone, DisableParallelization = true)]
public sealed class FuzzRunnerAlone;
