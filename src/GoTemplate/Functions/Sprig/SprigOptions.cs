namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// How Sprig's clock, random and key-generating functions behave. By default they read the real clock and
/// use cryptographic randomness, as in Helm. In deterministic mode they are replaced by the fixed stand-ins
/// of the reference renderer's <c>--deterministic</c> mode, so rendered output can be compared byte for byte.
/// </summary>
public sealed class SprigOptions
{
    /// <summary>What <c>now</c> returns in deterministic mode: 2024-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset FixedNow = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The real clock, real randomness and the machine's local time zone.</summary>
    public static SprigOptions Default { get; } = new();

    /// <summary>
    /// Replaces <c>now</c> (fixed at <see cref="FixedNow"/>), the <c>rand*</c> functions, <c>uuidv4</c>,
    /// <c>shuffle</c>, <c>bcrypt</c>, <c>htpasswd</c>, <c>encryptAES</c>, <c>genPrivateKey</c> and the
    /// certificate functions with fixed stand-ins, and makes the local time zone UTC.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// The clock and local time zone behind <c>now</c>, <c>ago</c>, <c>date</c> of a non-time and certificate
    /// validity. In deterministic mode only <c>now</c> is fixed; the zone is UTC. The system clock's zone follows
    /// Go's rules (TZ, else /etc/localtime, named <c>Local</c>); another clock's zone is named by its id.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
