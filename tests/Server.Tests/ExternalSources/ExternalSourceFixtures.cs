using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.ExternalSources;

/// <summary>What the external source tests share: a server that may reach 127.0.0.1, credentials, charts on other servers.</summary>
public static class ExternalSourceFixtures
{
    /// <summary>127.0.0.1 (any port) is the one loopback host these servers may reach; requests time out quickly.</summary>
    public static readonly string[] Settings =
        ["--ExternalSources:AllowedHosts:0=127.0.0.1", "--ExternalSources:RequestTimeout=00:00:05", "--ExternalSources:PeriodicSync=false"];

    public static Task<TestServer> StartAsync(params string[] more) => TestServer.StartAsync(null, Settings.Concat(more).ToArray());

    public static async Task<JsonNode> AddCredentialAsync(this TestServer server, string host, string username, string password, bool insecure = true,
        string? authType = null)
    {
        using var api = server.Http();
        var (status, body) = await api.Post("/api/v2/org/oci-credentials", new { host, username, password, insecure, authType = authType ?? "" });
        Assert.True(status == HttpStatusCode.Created, $"{status} {body}");
        return body;
    }

    public static async Task<(bool Success, string Message)> TestCredentialAsync(this TestServer server, string id, string? repository = null)
    {
        using var api = server.Http();
        var (status, body) = await api.Post($"/api/v2/org/oci-credentials/{id}/test", new { repository = repository ?? "" });
        Assert.True(status == HttpStatusCode.OK, $"{status} {body}");
        return (body["success"]?.GetValue<bool>() ?? false, body.Str("message"));
    }

    /// <summary>Publishes chart versions on a server the way an author does (scaffold, set the version, publish).</summary>
    public static async Task PublishChartAsync(this TestServer server, string name, params string[] versions)
    {
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts", new { name, scaffold = true, description = "The " + name })).Status);
        foreach (var version in versions)
        {
            var (_, chart) = await api.Get($"/api/v2/org-charts/{name}/files/Chart.yaml");
            await api.WriteFile("org-charts", name, "Chart.yaml",
                System.Text.RegularExpressions.Regex.Replace(chart.Str("text"), "(?m)^version: .*$", $"version: {version}"));
            Assert.Equal(HttpStatusCode.Created, (await api.Post($"/api/v2/org-charts/{name}/versions", new { version })).Status);
        }
    }

    /// <summary>A client of the classic Helm repository, with the admin token as Basic password (as helm sends it).</summary>
    public static HttpClient HelmRepository(this TestServer server)
    {
        var basic = new HttpClient { BaseAddress = new Uri(server.Url) };
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("any:" + server.AdminToken)));
        return basic;
    }

    /// <summary>A chart's entries in <c>/helm/index.yaml</c> by version, each as a JSON object (keys sorted) to compare whole.</summary>
    public static async Task<Dictionary<string, JsonObject>> HelmIndexEntriesAsync(this HttpClient helm, string chart)
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(await helm.GetStringAsync("/helm/index.yaml")));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var entries = (YamlDotNet.RepresentationModel.YamlMappingNode)root["entries"];
        if (!entries.Children.TryGetValue(chart, out var versions)) return [];
        return ((YamlDotNet.RepresentationModel.YamlSequenceNode)versions).Cast<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .ToDictionary(e => e["version"].ToString(), e => (JsonObject)Json(e)!);
    }

    private static JsonNode? Json(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlDotNet.RepresentationModel.YamlMappingNode map => new JsonObject(map.Children
            .OrderBy(c => c.Key.ToString(), StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key.ToString(), Json(c.Value)))),
        YamlDotNet.RepresentationModel.YamlSequenceNode list => new JsonArray(list.Children.Select(Json).ToArray()),
        _ => JsonValue.Create(node.ToString()),
    };

    /// <summary>A self-signed certificate for a name other than 127.0.0.1: not trusted, and a name mismatch.</summary>
    public static X509Certificate2 UntrustedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=other.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("other.example");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
