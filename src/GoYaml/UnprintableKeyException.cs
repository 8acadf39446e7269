namespace GitOpsHQ.GoYaml;

/// <summary>
/// A map key the printer cannot write as a simple key: longer than 128 UTF-8 bytes or holding a line
/// break. Each plugin reports it in its own words.
/// </summary>
public sealed class UnprintableKeyException(string key)
    : Exception($"the map key '{key[..Math.Min(key.Length, 40)]}...' is too long or multi-line to print")
{
    public string Key { get; } = key;
}
