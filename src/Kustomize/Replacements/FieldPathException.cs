namespace GitOpsHQ.Kustomize;

/// <summary>A field path step met a node of the wrong kind; the message is kustomize's.</summary>
internal sealed class FieldPathException(string message) : Exception(message)
{
    public static FieldPathException WrongKind(string expected, Node node) =>
        new($"wrong node kind: expected {expected} but got {(node is ListNode ? "SequenceNode" : node is MapNode ? "MappingNode" : "ScalarNode")}");
}
