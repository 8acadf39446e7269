namespace GitOpsHQ.GoYaml;

/// <summary>
/// Prints a value as YAML the way kubectl kustomize and Helm's toYaml do: block style with two-space indentation, map keys
/// sorted, a list's dashes at the same indentation as the key that holds it, maps and lists that
/// are list items starting on the dash's line ("- name: x", "- - a"), and empty collections as
/// {} and [].
/// </summary>
public static class YamlPrinter
{
    private const int Step = 2;

    /// <summary>
    /// The YAML of one document, ending with a line break. With <paramref name="quoteMergeKey"/> the string
    /// "&lt;&lt;" is double-quoted, as Helm's toYaml does; kubectl kustomize prints it plain. With
    /// <paramref name="pretty"/> the page is laid out as yaml.v3's encoder with an indent of 2 writes it (Helm's
    /// toYamlPretty): a list under a map key is indented below it, long strings are not folded, and floats are
    /// printed as Go's shortest 'g' text (1e+06) rather than read back from JSON.
    /// </summary>
    public static string Print(Node root, bool quoteMergeKey = false, bool pretty = false)
    {
        var page = new PrintBuffer(quoteMergeKey) { Pretty = pretty };
        switch (root)
        {
            case MapNode { Fields.Count: > 0 } map:
                Fields(page, map, 0);
                break;
            case ListNode { Items.Count: > 0 } list:
                Items(page, list, 0);
                break;
            default:
                Inline(page, root, Step);
                break;
        }

        // A block that ends with its own line break leaves nothing more to end.
        if (page.Column > 0)
        {
            page.NewLine();
        }

        return page.ToString();
    }

    /// <summary>The fields of a non-empty map: the first one where the page stands, the rest below it at <paramref name="indent"/>.</summary>
    private static void Fields(PrintBuffer page, MapNode map, int indent)
    {
        var first = true;
        foreach (var key in map.Fields.Keys.Order(KeyOrder.Instance))
        {
            if (!first)
            {
                page.StartLine(indent);
            }

            first = false;
            ScalarPrinter.Key(page, key);
            page.Write(':');
            FieldValue(page, map.Fields[key], indent);
        }
    }

    private static void FieldValue(PrintBuffer page, Node value, int keyIndent)
    {
        switch (value)
        {
            case MapNode { Fields.Count: > 0 } map:
                page.StartLine(keyIndent + Step);
                Fields(page, map, keyIndent + Step);
                break;
            case ListNode { Items.Count: > 0 } list:
                var dashIndent = page.Pretty ? keyIndent + Step : keyIndent;
                page.StartLine(dashIndent);
                Items(page, list, dashIndent);
                break;
            default:
                page.Write(' ');
                Inline(page, value, keyIndent + Step);
                break;
        }
    }

    /// <summary>The items of a non-empty list, dashes at <paramref name="indent"/>, the first where the page stands.</summary>
    private static void Items(PrintBuffer page, ListNode list, int indent)
    {
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (i > 0)
            {
                page.StartLine(indent);
            }

            page.Write("- ");
            switch (list.Items[i])
            {
                case MapNode { Fields.Count: > 0 } map:
                    Fields(page, map, indent + Step);
                    break;
                case ListNode { Items.Count: > 0 } nested:
                    Items(page, nested, indent + Step);
                    break;
                case var item:
                    Inline(page, item, indent + Step);
                    break;
            }
        }
    }

    /// <summary>An empty collection or a scalar; a scalar's folded or block lines start at <paramref name="indent"/>.</summary>
    private static void Inline(PrintBuffer page, Node node, int indent)
    {
        switch (node)
        {
            case MapNode:
                page.Write("{}");
                break;
            case ListNode:
                page.Write("[]");
                break;
            case ScalarNode scalar:
                ScalarPrinter.Value(page, scalar, indent);
                break;
        }
    }
}
