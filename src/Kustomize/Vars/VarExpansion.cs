using System.Text;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Expands $(NAME) references in a string the way Kubernetes expands container variables:
/// "$$" is a literal "$", an unknown name or an unclosed "$(" stays as written, and a string that is
/// exactly one reference becomes the value itself (keeping a number or boolean its type).
/// </summary>
public static class VarExpansion
{
    /// <summary>The expanded text, or the value when <paramref name="input"/> is a single reference; counts the names used.</summary>
    public static object Expand(string input, Func<string, object?> lookup)
    {
        var output = new StringBuilder();
        var checkpoint = 0;
        for (var cursor = 0; cursor < input.Length; cursor++)
        {
            if (input[cursor] != '$' || cursor + 1 >= input.Length)
            {
                continue;
            }

            output.Append(input, checkpoint, cursor - checkpoint);
            var rest = input.AsSpan(cursor + 1);
            int advance;
            if (rest[0] == '$')
            {
                output.Append('$');
                advance = 1;
            }
            else if (rest[0] == '(' && rest.IndexOf(')') is var close and > 0)
            {
                var name = rest[1..close].ToString();
                var value = lookup(name);
                if (value is not null && input.Length == close + 2 && cursor == 0)
                {
                    return value;
                }

                output.Append(value is null ? $"$({name})" : Text(value));
                advance = close + 1;
            }
            else
            {
                output.Append('$').Append(rest[0]);
                advance = 1;
            }

            cursor += advance;
            checkpoint = cursor + 1;
        }

        return output.Append(input, checkpoint, input.Length - checkpoint).ToString();
    }

    /// <summary>A value as it reads inside a longer string.</summary>
    public static string Text(object value) => value is ScalarNode scalar ? FieldPath.ScalarText(scalar) : value.ToString() ?? "";
}
