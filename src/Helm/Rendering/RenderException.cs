namespace GitOpsHQ.Helm.Rendering;

/// <summary>A chart could not be rendered; the message reads as Helm's error does (without "Error: ").</summary>
public sealed class RenderException(string message, Exception? inner = null) : Exception(message, inner);
