namespace GitOpsHQ.Server.Auth;

/// <summary>Browser sessions and sign-in limits (section `Sessions`).</summary>
public sealed class BrowserSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session unused this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A session ends this long after sign-in, however much it is used.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Failed sign-ins one username may have within <see cref="FailureWindow"/>; further attempts wait.</summary>
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>Failed sign-ins one client address may have within <see cref="FailureWindow"/>.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public void Validate()
    {
        if (IdleTimeout <= TimeSpan.Zero) throw new InvalidOperationException("Sessions:IdleTimeout must be positive (e.g. 02:00:00).");
        if (AbsoluteTimeout <= TimeSpan.Zero) throw new InvalidOperationException("Sessions:AbsoluteTimeout must be positive (e.g. 12:00:00).");
        if (MaxFailuresPerUser <= 0 || MaxFailuresPerAddress <= 0)
            throw new InvalidOperationException("Sessions:MaxFailuresPerUser and Sessions:MaxFailuresPerAddress must be positive.");
        if (FailureWindow <= TimeSpan.Zero) throw new InvalidOperationException("Sessions:FailureWindow must be positive (e.g. 00:15:00).");
    }
}
