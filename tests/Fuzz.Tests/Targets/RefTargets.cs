using System.Text;
using GitOpsHQ.Fuzz.Tests.Generators;
using GitOpsHQ.Fuzz.Tests.Harness;
using GitOpsHQ.Kustomize;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Registry;
using GitOpsHQ.Versions;
using Grpc.Core;
using CatalogName = GitOpsHQ.Server.Catalog.ArtifactName;
using CatalogPath = GitOpsHQ.Server.Catalog.ArtifactPath;
using VersionTag = GitOpsHQ.Server.Catalog.VersionTag;

namespace GitOpsHQ.Fuzz.Tests.Targets;

/// <summary>
/// Refs and names: digests, OCI repository names and tags, versions and constraints, artifact names, remote base
/// URLs. Each reader refuses with its own documented type; what a reader accepts, it accepts as written.
/// </summary>
public static class RefTargets
{
    private static string Input(Random random) => random.Next(8) switch
    {
        0 => "sha256:" + PathGen.Hex(random, random.Next(60, 68)),
        1 => random.Pick(["sha512:", "sha256:", "SHA256:", "md5:", ":", ""]) + PathGen.Hex(random, random.Next(0, 130)),
        2 => string.Join('/', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => random.Pick(["charts", "kustomize-bases", "a", "a.b", "a__b", "a---b", "_a", "A", "a.", Strings.Word(random)]))),
        3 => random.Pick([">=1.0.0", "^1.2", "~1.2.3", "1.x", "*", ">1 <2 || =3", "1.2.3 - 2.3.4", "!=1", ">=", "||", "> = 1", "=v1.0.0-rc.1", "1.2.3-"]) + random.Pick(["", " ", "||x", ",<2"]),
        4 => random.Pick(["https://", "git::https://", "ssh://git@", "file://", "http://127.0.0.1:1/", "github.com/"]) + PathGen.Path(random) + random.Pick(["", ".git", ".git//dir", "?ref=v1", "?ref=", "?timeout=1s&submodules=false", "//..?ref=x"]),
        _ => PathGen.Ref(random),
    };

    public static readonly FuzzTarget Refs = new()
    {
        Name = "refs",
        CiCases = 5000,
        Generate = random => Encoding.UTF8.GetBytes(Input(random)),
        Check = (input, unused) =>
        {
            var text = Inputs.Text(input);
            Expect<ProductException>(() =>
            {
                var digest = Digest.Parse(text);
                if (digest.ToString() != text) throw new PropertyViolation($"digest '{text}' reads back as '{digest}'");
            });
            _ = Digest.TryParse(text, out _);
            Expect<ProductException>(() => OciNames.RequireRepository(text));
            if (OciNames.IsTag(text) && (text.Length > 128 || text.Contains('/') || text.Contains(':')))
                throw new PropertyViolation($"'{text}' was taken for a tag");
            Expect<ProductException>(() => VersionTag.Require(text));
            if (VersionTag.IsValid(text, out _) && !OciNames.IsTag(VersionTag.ToOciTag(text)))
                throw new PropertyViolation($"version '{text}' has no valid OCI tag");
            Expect<ProductException>(() => CatalogName.Require(text));
            Expect<ProductException>(() => CatalogPath.Normalise(text));
            Expect<VersionFormatException>(() => SemanticVersion.Parse(text));
            _ = SemanticVersion.TryParse(text);
            _ = SemanticVersion.TryParseStrict(text);
            Expect<VersionFormatException>(() => VersionConstraints.Parse(text));
            Expect<VersionFormatException>(() => VersionConstraints.Satisfies(text, "1.2.3"));
            Expect<RpcException>(() => Plugins.Sdk.ArtifactName.RequireLabel(text));
            Expect<KustomizeBuildException>(() => RemoteGitSource.Parse(text));
            _ = RemoteReference.Is(text);
        },
        IsRefusal = _ => false, // each reader's own refusal is caught by Expect; anything else escapes as a finding
    };

    /// <summary>Runs a reader; its documented refusal is a clean answer, anything else escapes.</summary>
    private static void Expect<TRefusal>(Action read) where TRefusal : Exception
    {
        try
        {
            read();
        }
        catch (TRefusal)
        {
        }
    }

    public static IEnumerable<FuzzTarget> All => [Refs];
}
