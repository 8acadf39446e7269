using System.Diagnostics;

namespace GitOpsHQ.Bench;

public sealed record Percentiles(double P50, double P95, double P99, int Count)
{
    public override string ToString() => $"p50 {P50:F2} ms, p95 {P95:F2} ms, p99 {P99:F2} ms (n={Count})";
}

public static class Timing
{
    /// <summary>Runs the operation a few times to warm up, then <paramref name="count"/> times, one after another.</summary>
    /// <param name="pause">A wait before each measured call (not measured), as between a person's requests.</param>
    public static async Task<Percentiles> MeasureAsync(int count, Func<int, Task> operation, TimeSpan pause = default)
    {
        for (var i = 0; i < 5; i++) await operation(count + i);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (pause > TimeSpan.Zero) await Task.Delay(pause);
            var watch = Stopwatch.StartNew();
            await operation(i);
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return new Percentiles(At(samples, 0.50), At(samples, 0.95), At(samples, 0.99), count);
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
