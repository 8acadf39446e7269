namespace GitOpsHQ.GoTemplate.Functions;

/// <summary>A function failed; the template error reads <c>error calling NAME: MESSAGE</c>.</summary>
public sealed class FunctionException(string message) : Exception(message);
