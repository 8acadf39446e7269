using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>OCI image manifests, indexes and configs with fields of the right and the wrong JSON type.</summary>
public static class ManifestGen
{
    public static readonly string[] MediaTypes =
    [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.cncf.helm.config.v1+json", "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
        "application/vnd.oci.image.config.v1+json", "application/vnd.oci.empty.v1+json", "application/json", "text/plain", "",
    ];

    public static string Digest(Random random) => random.Next(6) switch
    {
        0 => "\"" + random.Pick(["sha256:", "sha512:", "md5:", ""]) + PathGen.Hex(random, random.Next(0, 130)) + "\"",
        1 => random.Pick(["1", "null", "[]", "{}", "true"]),
        _ => "\"sha256:" + PathGen.Hex(random, 64).ToLowerInvariant().Replace('g', 'a') + "\"",
    };

    private static string Descriptor(Random random, int depth) => JsonGen.Object(random, depth,
    [
        ("mediaType", r => r.Next(4) == 0 ? JsonGen.Value(r, 1) : "\"" + r.Pick(MediaTypes) + "\""),
        ("digest", Digest),
        ("size", r => r.Pick(["0", "12", "-1", "1e30", "\"5\"", "9223372036854775808", "1.5"])),
        ("annotations", r => r.Pick(["{\"a\":\"b\"}", "{\"a\":1}", "[]", "\"x\"", "{\"org.opencontainers.image.title\":\"c.tgz\"}"])),
        ("platform", r => r.Pick(["{\"os\":\"linux\",\"architecture\":\"amd64\"}", "1", "{}"])),
        ("urls", r => r.Pick(["[\"http://x\"]", "\"x\"", "[1]"])),
    ]);

    private static string List(Random random, int depth) => random.Next(6) switch
    {
        0 => JsonGen.Value(random, 1),
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(8) == 0 ? JsonGen.Value(random, 1) : Descriptor(random, depth))) + "]",
    };

    public static string Manifest(Random random) => JsonGen.Object(random, 2,
    [
        ("schemaVersion", r => r.Pick(["2", "2", "2", "1", "\"2\"", "2.0", "2e0", "null", "[]", "9999999999999", "-2", "true"])),
        ("mediaType", r => r.Next(5) == 0 ? JsonGen.Value(r, 1) : "\"" + r.Pick(MediaTypes) + "\""),
        ("artifactType", r => r.Next(4) == 0 ? JsonGen.Value(r, 1) : "\"" + r.Pick(MediaTypes) + "\""),
        ("config", r => r.Next(6) == 0 ? JsonGen.Value(r, 1) : Descriptor(r, 1)),
        ("layers", r => List(r, 1)),
        ("manifests", r => List(r, 1)),
        ("subject", r => r.Next(4) == 0 ? JsonGen.Value(r, 1) : Descriptor(r, 1)),
        ("annotations", r => r.Pick(["{\"org.opencontainers.image.created\":\"2024-01-01T00:00:00Z\"}", "{\"a\":{\"b\":1}}", "[]", "null", "{\"a\":1}"])),
    ]);

    public static string Config(Random random) => JsonGen.Object(random, 2,
    [
        ("name", r => r.Next(4) == 0 ? JsonGen.Value(r, 1) : "\"" + r.Pick(["c", "x", "C", "../x", ""]) + "\""),
        ("version", r => r.Next(4) == 0 ? JsonGen.Value(r, 1) : "\"" + PathGen.Version(r) + "\""),
        ("apiVersion", r => r.Pick(["\"v2\"", "\"v1\"", "2", "null"])),
        ("description", r => JsonGen.String(r)),
        ("dependencies", r => r.Pick(["[]", "[{\"name\":\"d\",\"version\":\"1\"}]", "{}", "1"])),
        ("annotations", r => r.Pick(["{\"a\":\"b\"}", "{\"a\":1}"])),
    ]);

    public static byte[] Generate(Random random) => random.Next(10) switch
    {
        0 => JsonGen.Generate(random),
        < 3 => Mutator.Mutate(random, Encoding.UTF8.GetBytes(Manifest(random)), JsonGen.Tokens),
        _ => Encoding.UTF8.GetBytes(Manifest(random)),
    };
}
