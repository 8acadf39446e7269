using System.Text;
using GitOpsHQ.Contracts;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Files;
using GitOpsHQ.Fuzz.Tests.Generators;
using GitOpsHQ.Fuzz.Tests.Harness;
using GitOpsHQ.GoTemplate;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Kustomize;
using GitOpsHQ.Plugins.Sdk.Archives;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using Google.Protobuf;
using Grpc.Core;

namespace GitOpsHQ.Fuzz.Tests.Targets;

/// <summary>
/// The parsers under test, each with the refusal its documentation promises: plugins refuse with gRPC InvalidArgument
/// (<c>InvalidRequest</c>) or a diagnostic, the Helm engine with <see cref="RenderException"/>, the template engine with
/// <see cref="TemplateException"/>, kustomize with <see cref="KustomizeBuildException"/>, the server with its
/// <c>ProductException</c>; path rules answer a problem instead of throwing.
/// </summary>
public static class ParserTargets
{
    private static bool IsInvalidArgument(Exception e) => e is RpcException { StatusCode: StatusCode.InvalidArgument };

    /// <summary>The plugins' YAML loading: never throws for bad content; problems become diagnostics.</summary>
    public static readonly FuzzTarget SdkYaml = new()
    {
        Name = "yaml-plugin-sdk",
        CiCases = 1000,
        Generate = YamlGen.Generate,
        Check = (input, unused) =>
        {
            var report = new ValidationReport();
            var file = YamlFile.Load(FileSet.From([("f.yaml", input)]), "f.yaml", report);
            if (file is null && !report.HasErrors) throw new PropertyViolation("YamlFile.Load refused the file without a diagnostic");
            if (file is not null) _ = file.Roots.Count();
        },
        IsRefusal = _ => false,
    };

    /// <summary>Helm's values reading (YAML 1.1 scalars through JSON).</summary>
    public static readonly FuzzTarget HelmValues = new()
    {
        Name = "yaml-helm-values",
        CiCases = 150, // alias bombs cost a second or two each before the expansion limit refuses them
        Generate = YamlGen.Generate,
        Check = (input, unused) => GoValuesYaml.ReadMap(Inputs.Text(input), "values.yaml"),
        IsRefusal = e => e is RenderException,
    };

    /// <summary>Kustomize's resource reading: a resources file of random YAML.</summary>
    public static readonly FuzzTarget KustomizeResources = new()
    {
        Name = "yaml-kustomize-resources",
        CiCases = 150,
        Generate = YamlGen.Generate,
        Budget = TimeSpan.FromSeconds(5),
        Check = (input, budget) => KustomizeBuild.Run(FileSet.From([("kustomization.yaml", "resources: [r.yaml]\n"u8.ToArray()), ("r.yaml", input)]), "",
            BuildLimits.Default with { Cancellation = budget }),
        IsRefusal = e => e is KustomizeBuildException,
    };

    /// <summary>A chart's values.schema.json: a schema that cannot be used is reported, never thrown; a usable one validates values.</summary>
    public static readonly FuzzTarget ValuesSchemaJson = new()
    {
        Name = "json-values-schema",
        CiCases = 800,
        Budget = TimeSpan.FromSeconds(5),
        Generate = random => random.Next(3) == 0 ? JsonGen.Generate(random) : Encoding.UTF8.GetBytes(SchemaGen.Schema(random)),
        Check = (input, budget) =>
        {
            var problems = new SchemaProblems();
            var schema = ValuesSchema.Load(FileSet.From([("values.schema.json", input)]), problems, budget).GetAwaiter().GetResult();
            if (schema is null && problems.All.Count == 0) throw new PropertyViolation("the schema was refused without a problem reported");
            schema?.Validate(Newtonsoft.Json.Linq.JToken.Parse("{\"a\": 1, \"b\": \"x\", \"list\": [1, \"2\", null], \"map\": {\"k\": true}}")).ToList();
        },
        IsRefusal = _ => false,
    };

    public static readonly FuzzTarget PluginArchive = new()
    {
        Name = "tar-plugin-unpack",
        CiCases = 800,
        Generate = random => TarGen.Generate(random),
        Check = (input, unused) =>
        {
            var files = SafeArchive.Extract(new UnpackRequest
            {
                Name = "x", MediaType = "application/vnd.cncf.flux.content.v1.tar+gzip", Content = ByteString.CopyFrom(input),
                MaxFileBytes = 1024 * 1024, MaxArtifactBytes = 4 * 1024 * 1024, MaxFiles = 100,
            });
            foreach (var file in files)
                if (ArtifactPaths.Normalise(file.Path).Path != file.Path) throw new PropertyViolation($"unpacked a file at '{file.Path}', which is not a catalog path");
        },
        IsRefusal = IsInvalidArgument,
    };

    public static readonly FuzzTarget ChartArchiveRead = new()
    {
        Name = "tar-chart-archive",
        CiCases = 800,
        Generate = random => TarGen.Generate(random, "chart/"),
        Check = (input, unused) =>
        {
            foreach (var file in ChartArchive.Read(input, "charts/sub.tgz", new ChartArchive.ArchiveBudget()))
                if (FilePath.Problem(file.Path) is { } problem) throw new PropertyViolation($"read a file at '{file.Path}': {problem}");
        },
        IsRefusal = e => e is RenderException,
    };

    private static readonly Dictionary<string, object?> TemplateData = new(StringComparer.Ordinal)
    {
        ["Values"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["a"] = "x", ["n"] = 3.0, ["list"] = new List<object?> { 1.0, "two", null, new Dictionary<string, object?> { ["k"] = true } },
            ["map"] = new Dictionary<string, object?> { ["k"] = "v" },
        },
        ["Release"] = new Dictionary<string, object?> { ["Name"] = "r" },
        ["Chart"] = new Dictionary<string, object?> { ["Name"] = "c" },
    };

    /// <summary>Go template parsing, then rendering with Helm's functions under a time and output budget.</summary>
    public static readonly FuzzTarget Template = new()
    {
        Name = "go-template",
        CiCases = 1000,
        Budget = TimeSpan.FromSeconds(3),
        Generate = TemplateGen.Generate,
        Check = (input, budget) =>
        {
            var set = new TemplateSet(functions: HelmFunctions.Create(deterministic: true)).Option("missingkey=zero");
            set.Parse("t", Inputs.Text(input));
            set.Execute("t", TemplateData, new ExecutionLimits { MaxOutputBytes = 1024 * 1024, MaxTemplateDepth = 200 }, budget);
        },
        IsRefusal = e => e is TemplateException,
    };

    public static readonly FuzzTarget Kustomization = new()
    {
        Name = "kustomization",
        CiCases = 1500,
        Budget = TimeSpan.FromSeconds(5),
        Generate = KustomizationGen.Generate,
        Check = (input, budget) => KustomizeBuild.Run(
            FileSet.From(KustomizationGen.Neighbours.Select(n => (n.Path, Encoding.UTF8.GetBytes(n.Text))).Append(("kustomization.yaml", input))), "",
            BuildLimits.Default with { Cancellation = budget }),
        IsRefusal = e => e is KustomizeBuildException,
    };

    /// <summary>The one path rule: never throws; what it accepts is normal, inside the artifact and outside Git's folder.</summary>
    public static readonly FuzzTarget ArtifactPath = new()
    {
        Name = "path-artifact",
        CiCases = 3000,
        Generate = random => Encoding.UTF8.GetBytes(PathGen.Path(random)),
        Check = (input, unused) =>
        {
            var text = Inputs.Text(input);
            var (path, problem) = ArtifactPaths.Normalise(text);
            if ((path is null) == (problem is null)) throw new PropertyViolation($"Normalise answered path '{path}' and problem '{problem}'");
            if (path is null) return;
            if (FilePath.Problem(path) is { } rule) throw new PropertyViolation($"accepted '{path}', which the engines refuse: {rule}");
            if (path.Split('/').Any(ArtifactPaths.IsGitDirectoryAlias)) throw new PropertyViolation($"accepted '{path}', which names Git's folder");
            if (path.Length > ArtifactPaths.MaxLength) throw new PropertyViolation("accepted a path over the length limit");
            if (ArtifactPaths.Normalise(path).Path != path) throw new PropertyViolation($"'{path}' does not normalise to itself");
            // A first segment like "C:" is kept from resolving (it would be a drive on Windows): refused, never changed.
            if (FilePath.Resolve("", path) is { } resolved && resolved != path) throw new PropertyViolation($"'{path}' resolves to '{resolved}'");
        },
        IsRefusal = _ => false,
    };

    /// <summary>Relative references between files (kustomize resources, chart files): never outside the artifact.</summary>
    public static readonly FuzzTarget PathResolve = new()
    {
        Name = "path-resolve",
        CiCases = 3000,
        Generate = random => Encoding.UTF8.GetBytes(PathGen.Path(random) + "\n" + PathGen.Path(random)),
        Check = (input, unused) =>
        {
            var text = Inputs.Text(input);
            var split = text.IndexOf('\n');
            var (directory, relative) = split < 0 ? ("", text) : (text[..split], text[(split + 1)..]);
            if (FilePath.Problem(directory) is not null) directory = "";
            var resolved = FilePath.Resolve(directory, relative);
            if (resolved is null || resolved.Length == 0) return;
            if (resolved.Split('/').Any(s => s is ".." or "." or "") || resolved.StartsWith('/'))
                throw new PropertyViolation($"'{relative}' from '{directory}' resolved to '{resolved}', which is not inside the artifact");
        },
        IsRefusal = _ => false,
    };

    public static IEnumerable<FuzzTarget> All =>
    [
        SdkYaml, HelmValues, KustomizeResources, ValuesSchemaJson, PluginArchive, ChartArchiveRead, Template, Kustomization, ArtifactPath, PathResolve,
        .. RefTargets.All, .. ManifestTargets.All,
    ];
}
