namespace GitOpsHQ.Kustomize;

/// <summary>Splits "registry:5000/app:1.2@sha256:..." into name, tag and digest like kustomize.</summary>
internal static class ImageName
{
    public static (string Name, string Tag, string Digest) Split(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var offset = slash > 0 ? slash : 0;
        var search = image[offset..];
        var at = search.IndexOf('@', StringComparison.Ordinal);
        var colon = search.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 && at < 0)
        {
            return (image, "", "");
        }

        if (at >= 0 && (at < colon || colon < 0))
        {
            return (image[..(at + offset)], "", image[(at + offset + 1)..]);
        }

        if (at >= 0)
        {
            return (image[..(colon + offset)], image[(colon + offset + 1)..(at + offset)], image[(at + offset + 1)..]);
        }

        return (image[..(colon + offset)], image[(colon + offset + 1)..], "");
    }
}
