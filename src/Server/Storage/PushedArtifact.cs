namespace GitOpsHQ.Server.Storage;

/// <summary>One pushed OCI object kept in Git: its registry digest, media type and the Git blob holding its bytes.</summary>
public sealed record PushedObject(string Digest, string MediaType, string GitBlob);

/// <summary>
/// The exact manifest, config and layer a client pushed for a version, kept as Git blobs with a note on the version's
/// tag (refs/notes/oci), so the version pulls back byte-identical with the pushed digest — after any cache wipe too.
/// </summary>
public sealed record PushedArtifact(PushedObject Manifest, PushedObject Config, PushedObject Layer)
{
    public string ToNote() => $"manifest {Line(Manifest)}\nconfig {Line(Config)}\nlayer {Line(Layer)}\n";

    public static PushedArtifact? Parse(string? note)
    {
        if (string.IsNullOrEmpty(note)) return null;
        var objects = note.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Where(p => p.Length == 4)
            .ToDictionary(p => p[0], p => new PushedObject(p[1], p[2], p[3]));
        return objects.TryGetValue("manifest", out var m) && objects.TryGetValue("config", out var c) && objects.TryGetValue("layer", out var l)
            ? new PushedArtifact(m, c, l)
            : null;
    }

    private static string Line(PushedObject o) => $"{o.Digest} {o.MediaType} {o.GitBlob}";
}
