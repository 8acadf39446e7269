namespace GitOpsHQ.Kustomize;

/// <summary>
/// A place in a resource: a field of a map or an element of a list, whose value can be read and replaced.
/// <see cref="Created"/> marks a scalar the write itself made, which takes its type from the text written.
/// </summary>
public sealed record FieldSlot(Node Parent, string? Key, int Index, bool Created)
{
    private static readonly string RootKey = "\0root";

    public static FieldSlot Root(MapNode root) => new(new MapNode { Fields = { [RootKey] = root } }, RootKey, -1, false);

    public Node Value => Parent is MapNode map ? map[Key!]! : ((ListNode)Parent).Items[Index];

    public void Set(Node value)
    {
        if (Parent is MapNode map)
        {
            map.Set(Key!, value);
        }
        else
        {
            ((ListNode)Parent).Items[Index] = value;
        }
    }
}
