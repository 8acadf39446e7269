namespace GitOpsHQ.Fuzz.Tests.Harness;

/// <summary>
/// One parser under test: how to make an input, how to feed it to the product, and which exceptions are the product's
/// clean refusals. Anything else it throws, a hang past <see cref="Timeout"/>, or more than
/// <see cref="MaxAllocatedBytes"/> allocated for one case (for a case its <see cref="Budget"/> ends, that much heap growth)
/// is a finding.
/// </summary>
public sealed class FuzzTarget
{
    /// <summary>The folder name under Regressions/ and in reports.</summary>
    public required string Name { get; init; }

    public required Func<Random, byte[]> Generate { get; init; }

    /// <summary>Runs the product on the input; throws a refusal, or <see cref="PropertyViolation"/> when a result breaks a stated rule.</summary>
    public required Action<byte[], CancellationToken> Check { get; init; }

    public required Func<Exception, bool> IsRefusal { get; init; }

    /// <summary>Cases in the bounded (CI) run.</summary>
    public int CiCases { get; init; } = 1000;

    /// <summary>Wall-clock time before a case counts as hung: generous, so a busy machine is not taken for a hang.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A budget the product is given (a cancellation) before the case counts as hung.</summary>
    public TimeSpan? Budget { get; init; }

    public long MaxAllocatedBytes { get; init; } = 512L * 1024 * 1024;

    public Func<byte[], string> Show { get; init; } = Inputs.Show;
}

/// <summary>A result the product returned that breaks the property the target states.</summary>
public sealed class PropertyViolation(string message) : Exception(message);
