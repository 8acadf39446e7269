using System.Text.RegularExpressions;

namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// The images field: rewrites the image of every container and init container, wherever they
/// are in a resource, whose image name matches.
/// </summary>
internal sealed class ImageTransformer(ImageOverride image)
{
    private readonly Regex _match = new("^" + image.Name + "(@sha256)?(:[a-zA-Z0-9_.{}-]*)?$", RegexOptions.CultureInvariant);

    public void Transform(ResourceMap resources)
    {
        foreach (var resource in resources.Resources)
        {
            Walk(resource.Content);
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
        if (container.Text("image") is not { } value || !_match.IsMatch(value))
        {
            return;
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

        container.Set("image", ScalarNode.Of(name + (tag.Length > 0 ? ":" + tag : "") + (digest.Length > 0 ? "@" + digest : "")));
    }
}
