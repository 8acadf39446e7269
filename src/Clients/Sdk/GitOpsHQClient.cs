using System.Net.Http.Headers;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Contracts.Org.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace GitOpsHQ.Sdk;

/// <summary>
/// A connection to a GitOpsHQ server. <see cref="Catalog"/> and <see cref="Org"/> are the generated gRPC
/// clients; the methods here are conveniences for the common flows (edit a file on main, publish).
/// </summary>
/// <example>
/// <code>
/// using var hq = GitOpsHQClient.Connect("http://127.0.0.1:5080", token);
/// await hq.Catalog.CreateArtifactAsync(new() { Collection = Collections.Charts, Name = "web", Scaffold = true });
/// await hq.WriteTextAsync(Collections.Charts, "web", "values.yaml", "replicaCount: 2\n");
/// await hq.Catalog.PublishVersionAsync(new() { Collection = Collections.Charts, Name = "web", Version = "0.1.0" });
/// </code>
/// </example>
public sealed class GitOpsHQClient : IDisposable
{
    private readonly GrpcChannel _channel;

    private GitOpsHQClient(GrpcChannel channel)
    {
        _channel = channel;
        Catalog = new Catalog.CatalogClient(channel);
        Org = new Org.OrgClient(channel);
    }

    /// <summary>Charts, Kustomize bases and manifest bundles: artifacts, files, versions.</summary>
    public Catalog.CatalogClient Catalog { get; }

    /// <summary>Users, roles and personal access tokens.</summary>
    public Org.OrgClient Org { get; }

    /// <summary>Connects with a personal access token, over native gRPC (HTTP/2) or gRPC-Web (HTTP/1.1, for proxies that need it).</summary>
    public static GitOpsHQClient Connect(string serverUrl, string token, bool grpcWeb = false)
    {
        HttpMessageHandler handler = new BearerTokenHandler(token, new SocketsHttpHandler { EnableMultipleHttp2Connections = true });
        if (grpcWeb) handler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, handler);
        return new GitOpsHQClient(GrpcChannel.ForAddress(serverUrl, new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = grpcWeb ? new System.Version(1, 1) : null,
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
        }));
    }

    /// <summary>Writes one text file on main, based on main's current head; returns the new commit.</summary>
    public async Task<CommitResult> WriteTextAsync(string collection, string name, string path, string text, string? message = null,
        CancellationToken ct = default)
    {
        var tree = await Catalog.GetTreeAsync(new GetTreeRequest { Collection = collection, Name = name }, cancellationToken: ct);
        return await Catalog.WriteFileAsync(new WriteFileRequest
        {
            Collection = collection, Name = name, Path = path, Text = text, BaseCommit = tree.Commit, Message = message ?? "",
        }, cancellationToken: ct);
    }

    /// <summary>Every artifact of a catalog, page by page.</summary>
    public async IAsyncEnumerable<Artifact> ListAllAsync(string collection, string search = "",
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var token = "";
        do
        {
            var page = await Catalog.ListArtifactsAsync(new ListArtifactsRequest { Collection = collection, Search = search, PageSize = 200, PageToken = token },
                cancellationToken: ct);
            foreach (var artifact in page.Artifacts) yield return artifact;
            token = page.NextPageToken;
        } while (token != "");
    }

    public void Dispose() => _channel.Dispose();

    private sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, ct);
        }
    }
}

/// <summary>The catalogs a server has, by REST collection name.</summary>
public static class Collections
{
    public const string Charts = "org-charts";
    public const string KustomizeBases = "org-kustomize-bases";
    public const string ManifestBundles = "org-manifest-bundles";
}
