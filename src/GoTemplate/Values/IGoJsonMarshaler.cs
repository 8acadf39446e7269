namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// A Go value with its own <c>MarshalJSON</c> (a semantic version writes itself as its text): encoding/json, and so
/// toJson and toYaml, writes <see cref="JsonValue"/> in its place.
/// </summary>
public interface IGoJsonMarshaler
{
    object? JsonValue();
}
