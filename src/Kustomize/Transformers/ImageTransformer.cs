using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The images field: rewrites the image of every container and init container, wherever they
/// are in a resource, whose image name matches, and the image fields a transformer configuration names.
/// </summary>
internal sealed class ImageTransformer(ImageOverride image, IReadOnlyList<FieldSpec>? extraFields = null)
{
    // kustomize v5.5's match: the name as a pattern, then an optional tag, then an optional sha256 digest
    // ("nginx:1.19@sha256:..." matches "nginx"); a name that is no valid pattern matches nothing.
    private readonly Regex? _match = Pattern(image.Name);

    private static Regex? Pattern(string name)
    {
        try
        {
            return new Regex("^" + name + "(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public void Transform(ResourceMap resources)
    {
        foreach (var resource in resources.Resources)
        {
            Walk(resource.Content);
            foreach (var spec in (extraFields ?? []).Where(spec => spec.Selects(resource)))
            {
                spec.Visit(resource.Content, (parent, key) =>
                {
                    if (parent.Text(key) is { } value && Rewrite(value) is { } rewritten)
                    {
                        parent.Set(key, ScalarNode.Of(rewritten));
                    }
                });
            }
        }
    }

    private void Walk(Node node)
    {
        switch (node)
        {
            case MapNode map:
                foreach (var (key, value) in map.Fields)
                {
                    if (key is "containers" or "initContainers" && value is ListNode containers)
                    {
                        foreach (var container in containers.Items.OfType<MapNode>())
                        {
                            Update(container);
                        }
                    }

                    Walk(value);
                }

                break;
            case ListNode list:
                list.Items.ForEach(Walk);
                break;
        }
    }

    private void Update(MapNode container)
    {
        if (container.Text("image") is { } value && Rewrite(value) is { } rewritten)
        {
            container.Set("image", ScalarNode.Of(rewritten));
        }
    }

    /// <summary>The new image reference for a matching one, else null.</summary>
    private string? Rewrite(string value)
    {
        if (_match is null || !_match.IsMatch(value))
        {
            return null;
        }

        var (name, tag, digest) = ImageName.Split(value);
        name = image.NewName is { Length: > 0 } newName ? newName : name;
        if (image.NewTag is { Length: > 0 } && image.Digest is { Length: > 0 })
        {
            (tag, digest) = (image.NewTag, image.Digest);
        }
        else if (image.NewTag is { Length: > 0 })
        {
            (tag, digest) = (image.NewTag, "");
        }
        else if (image.Digest is { Length: > 0 })
        {
            (tag, digest) = ("", image.Digest);
        }

        return name + (tag.Length > 0 ? ":" + tag : "") + (digest.Length > 0 ? "@" + digest : "");
    }
}
