namespace GitOpsHQ.Files;

/// <summary>
/// The exceptions .NET's gzip and tar readers throw for bytes that are not a well-formed archive: a corrupt stream
/// (<see cref="InvalidDataException"/>), a cut one (<see cref="EndOfStreamException"/>, an <see cref="IOException"/>),
/// header fields that are not numbers or overflow (<see cref="FormatException"/>, <see cref="OverflowException"/>),
/// entry types it does not read, such as GNU sparse files (<see cref="NotSupportedException"/>), header values it
/// rejects (<see cref="ArgumentException"/>), and a metadata entry whose size field is larger than it accepts (an
/// <see cref="InvalidOperationException"/>, counted only when the tar reader throws it, so a reader's own fault is never
/// taken for bad input). Every reader of pushed archives turns these into its own refusal.
/// </summary>
public static class MalformedArchive
{
    public static bool Is(Exception error) =>
        error is InvalidDataException or IOException or FormatException or OverflowException or NotSupportedException or ArgumentException ||
        error is InvalidOperationException && error.TargetSite?.DeclaringType?.Assembly == typeof(System.Formats.Tar.TarReader).Assembly;
}
