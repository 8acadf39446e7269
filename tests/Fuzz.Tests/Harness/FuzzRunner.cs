using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace GitOpsHQ.Fuzz.Tests.Harness;

public enum Verdict
{
    Accepted,
    Refused,
    Crashed,
    Hung,
    OverMemory,
}

/// <param name="AllocatedBytes">What the case allocated; for a case its budget ended, the most the heap grew while it ran.</param>
public sealed record Outcome(Verdict Verdict, Exception? Error, long AllocatedBytes, TimeSpan Elapsed, bool StoppedByBudget = false)
{
    public bool IsFinding => Verdict is Verdict.Crashed or Verdict.Hung or Verdict.OverMemory;

    /// <summary>What makes two findings the same bug: the verdict, the exception type and the product frame that threw.</summary>
    public string Signature => Verdict switch
    {
        Verdict.Crashed => $"{Error!.GetType().Name} at {ProductFrame(Error)}",
        Verdict.Hung => "hang",
        Verdict.OverMemory => "memory",
        _ => Verdict.ToString(),
    };

    public string Describe() => Verdict switch
    {
        Verdict.Crashed => $"threw {Error}",
        Verdict.Hung => $"did not finish within {Elapsed.TotalSeconds:0.#} s",
        Verdict.OverMemory when StoppedByBudget => $"grew the heap by {AllocatedBytes / (1024 * 1024)} MB before its budget ended it",
        Verdict.OverMemory => $"allocated {AllocatedBytes / (1024 * 1024)} MB for one input",
        _ => Verdict.ToString(),
    };

    private static string ProductFrame(Exception error)
    {
        var frames = new StackTrace(error, false).GetFrames();
        var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("GitOpsHQ.", StringComparison.Ordinal) == true &&
                                                f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("GitOpsHQ.Fuzz", StringComparison.Ordinal) != true)
                    ?? frames.FirstOrDefault();
        var method = frame?.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";
    }
}

/// <summary>
/// Runs a target's cases, each on its own thread under the target's timeout, and fails with every distinct finding:
/// the seed, the case number and the input, which is also written to the findings folder for Regressions/.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Case <paramref name="index"/> of <paramref name="target"/> under <paramref name="seed"/>: the same input on every machine.</summary>
    public static Random CaseRandom(int seed, string target, int index)
    {
        var hash = (uint)seed;
        foreach (var c in target) hash = (hash ^ c) * 16777619u;
        hash = (hash ^ (uint)index) * 16777619u;
        return new Random((int)(hash ^ (hash >> 15)));
    }

    /// <summary>
    /// Runs one case. A case that finishes by itself is held to <see cref="FuzzTarget.MaxAllocatedBytes"/> of allocation:
    /// the same figure on every machine. A case its budget ends allocated for as long as the budget lasted, which grows
    /// with the machine's speed, so it is held to what it kept instead: the heap's growth, sampled while it runs.
    /// </summary>
    public static Outcome RunOne(FuzzTarget target, byte[] input)
    {
        Exception? error = null;
        long allocated = 0;
        using var budget = new CancellationTokenSource();
        if (target.Budget is { } limit) budget.CancelAfter(limit);
        var heapBefore = GC.GetTotalMemory(false);
        long heapGrowth = 0;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                target.Check(input, budget.Token);
            }
            catch (Exception e)
            {
                error = e;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }) { IsBackground = true, Name = $"fuzz {target.Name}" };
        thread.Start();
        while (!thread.Join(HeapSampleInterval))
        {
            heapGrowth = Math.Max(heapGrowth, GC.GetTotalMemory(false) - heapBefore);
            if (watch.Elapsed < target.Timeout) continue;
            budget.Cancel(); // the case is reported as hung; cancelling lets a cooperative loop end
            return new Outcome(Verdict.Hung, null, 0, watch.Elapsed);
        }
        watch.Stop();
        var stoppedByBudget = error is OperationCanceledException && budget.IsCancellationRequested && target.Budget is not null;
        if (stoppedByBudget)
        {
            return heapGrowth > target.MaxAllocatedBytes
                ? new Outcome(Verdict.OverMemory, error, heapGrowth, watch.Elapsed, StoppedByBudget: true)
                : new Outcome(Verdict.Refused, error, heapGrowth, watch.Elapsed, StoppedByBudget: true); // stopped by its budget, as the product is asked to
        }
        if (allocated > target.MaxAllocatedBytes) return new Outcome(Verdict.OverMemory, error, allocated, watch.Elapsed);
        if (error is null) return new Outcome(Verdict.Accepted, null, allocated, watch.Elapsed);
        return target.IsRefusal(error) && error is not PropertyViolation
            ? new Outcome(Verdict.Refused, error, allocated, watch.Elapsed)
            : new Outcome(Verdict.Crashed, error, allocated, watch.Elapsed);
    }

    private static readonly TimeSpan HeapSampleInterval = TimeSpan.FromMilliseconds(10);

    public static void Run(FuzzTarget target, ITestOutputHelper output)
    {
        var seed = FuzzSettings.Seed;
        var cases = FuzzSettings.Cases(target.CiCases);
        var findings = new Dictionary<string, (int Index, byte[] Input, Outcome Outcome, int Count)>();
        var current = Path.Combine(Path.GetTempPath(), "gitopshq-fuzz", "current");
        Directory.CreateDirectory(current);
        var currentFile = Path.Combine(current, $"{target.Name}-{Environment.ProcessId}");
        int accepted = 0, refused = 0, slowest = -1, overASecond = 0;
        var slowestTime = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var input = target.Generate(CaseRandom(seed, target.Name, i));
            // Left behind if the process dies on this case (a stack overflow cannot be caught).
            File.WriteAllBytes(currentFile, input);
            var outcome = RunOne(target, input);
            if (outcome.Elapsed > slowestTime) (slowest, slowestTime) = (i, outcome.Elapsed);
            if (outcome.Elapsed > TimeSpan.FromSeconds(1)) overASecond++;
            switch (outcome.Verdict)
            {
                case Verdict.Accepted: accepted++; break;
                case Verdict.Refused: refused++; break;
                default:
                    var signature = outcome.Signature;
                    if (findings.TryGetValue(signature, out var seen)) findings[signature] = seen with { Count = seen.Count + 1 };
                    else findings[signature] = (i, input, outcome, 1);
                    break;
            }
            if (outcome.Verdict == Verdict.Hung) break; // its thread may still run; the rest of the run would be measured against it
        }
        watch.Stop();
        File.Delete(currentFile);

        var summary = $"{target.Name}: seed {seed}, {cases} cases, {accepted} accepted, {refused} refused, " +
                      $"{findings.Values.Sum(f => f.Count)} findings ({findings.Count} distinct), {watch.Elapsed.TotalSeconds:0.0} s " +
                      $"(slowest: case {slowest}, {slowestTime.TotalSeconds:0.00} s; {overASecond} over 1 s)";
        output.WriteLine(summary);
        if (FuzzSettings.ReportFile is { } report) File.AppendAllText(report, summary + Environment.NewLine);
        if (findings.Count == 0) return;

        var message = new StringBuilder($"{summary}\nReproduce with GITOPSHQ_FUZZ_SEED={seed} GITOPSHQ_FUZZ_CASES={cases}.\n");
        foreach (var (signature, (index, input, outcome, count)) in findings)
        {
            var folder = Path.Combine(FuzzSettings.FindingsFolder, target.Name);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"seed{seed}-case{index}");
            File.WriteAllBytes(file, input);
            message.Append($"\n[{signature}] x{count}, first at case {index} (seed {seed}), saved as {file}\n  input {target.Show(input)}\n  {outcome.Describe()}\n");
        }
        Assert.Fail(message.ToString());
    }
}
