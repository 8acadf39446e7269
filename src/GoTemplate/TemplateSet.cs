using GitOpsHQ.GoTemplate.Execution;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Parsing;

namespace GitOpsHQ.GoTemplate;

/// <summary>
/// A set of named templates sharing functions and options, as Go's text/template associates them: each parsed
/// text adds a template under its own name plus one per <c>define</c> and <c>block</c>. Parsing several files
/// into one set lets them call each other's definitions; a later definition of a name replaces an earlier one,
/// unless it is empty.
/// </summary>
public sealed class TemplateSet
{
    private readonly Dictionary<string, Tree> _templates;

    /// <param name="name">The set's own name, used in Go's "no template associated with template" error.</param>
    /// <param name="functions">The functions templates may call; Go's built-ins when not given.</param>
    public TemplateSet(string name = "gotpl", FunctionRegistry? functions = null)
    {
        Name = name;
        Functions = functions ?? new FunctionRegistry();
        _templates = new Dictionary<string, Tree>(StringComparer.Ordinal);
    }

    private TemplateSet(TemplateSet source)
    {
        Name = source.Name;
        Functions = source.Functions.Clone();
        MissingKey = source.MissingKey;
        MaxParseDepth = source.MaxParseDepth;
        _templates = new Dictionary<string, Tree>(source._templates, StringComparer.Ordinal);
    }

    public string Name { get; }

    /// <summary>Functions are checked when a text is parsed, so add them before parsing.</summary>
    public FunctionRegistry Functions { get; }

    public MissingKeyMode MissingKey { get; set; } = MissingKeyMode.Default;

    /// <summary>How deeply parentheses and control structures may nest in a text.</summary>
    public int MaxParseDepth { get; set; } = 1000;

    public IReadOnlyCollection<string> TemplateNames => _templates.Keys;

    /// <summary>Sets an option as Go's <c>Option</c> does: <c>missingkey=default|invalid|zero|error</c>.</summary>
    public TemplateSet Option(string option)
    {
        MissingKey = option switch
        {
            "missingkey=default" or "missingkey=invalid" => MissingKeyMode.Default,
            "missingkey=zero" => MissingKeyMode.Zero,
            "missingkey=error" => MissingKeyMode.Error,
            _ => throw new ArgumentException("unrecognized option: " + option, nameof(option)),
        };
        return this;
    }

    /// <summary>
    /// Parses a text under a name (for a chart, the template's path) and adds its templates to the set.
    /// Throws <see cref="TemplateParseException"/> and adds nothing when the text is malformed.
    /// </summary>
    /// <param name="name">The name the text's own template is added under.</param>
    /// <param name="text">The template text, with any <c>define</c>s.</param>
    /// <param name="replaceName">
    /// Install the text's own template under <paramref name="name"/> even when it is empty (whitespace, comments and
    /// definitions only). Go keeps an earlier non-empty template of that name in the set, but <c>Parse</c> returns
    /// the new template, and executing that runs the empty text: what a caller that executes the text it just parsed
    /// (Helm's <c>tpl</c>) sees.
    /// </param>
    public TemplateSet Parse(string name, string text, bool replaceName = false)
    {
        var trees = Parser.Parse(name, text, Functions.Contains, MaxParseDepth);
        foreach (var (treeName, tree) in trees)
        {
            if (_templates.TryGetValue(treeName, out _) && tree.Root.IsEmpty && !(replaceName && treeName == name))
            {
                continue;
            }
            _templates[treeName] = tree;
        }
        return this;
    }

    public bool Contains(string name) => _templates.ContainsKey(name);

    /// <summary>A copy with the same templates and options, to which more can be parsed independently.</summary>
    public TemplateSet Clone() => new(this);

    /// <summary>
    /// Executes a template with the data as dot and returns its output. Throws
    /// <see cref="TemplateExecutionException"/> with Go's error text on failure.
    /// </summary>
    public string Execute(string name, object? data, ExecutionLimits? limits = null, CancellationToken cancellationToken = default)
    {
        var tree = Lookup(name) ?? throw new TemplateExecutionException(
            $"template: no template {Formatting.GoQuote.Quote(name)} associated with template {Formatting.GoQuote.Quote(Name)}",
            name, null, null, "no such template");
        return Executor.Run(this, tree, data, limits ?? ExecutionLimits.Default, cancellationToken);
    }

    public Tree? Lookup(string name) => _templates.GetValueOrDefault(name);
}
