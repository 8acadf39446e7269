using GitOpsHQ.Server.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Server.Tests.Deploy;

/// <summary>The product's own Helm chart (deploy/gitopshq), linted and rendered by the real helm client.</summary>
public sealed class HelmChartTests
{
    private static string Chart => Path.Combine(SourceTree.Root, "deploy", "gitopshq");

    private const string ReplicatedValues = """
        replicaCount: 3
        database:
          provider: postgres
          connectionString: "Host=postgres;Database=gitopshq;Username=gitopshq;Password=secret"
        redis:
          configuration: redis.gitopshq.svc:6379
        offload:
          enabled: true
        ingress:
          enabled: true
          className: nginx
          hosts:
            - host: registry.example.com
        """;

    [RealClientFact("helm")]
    public void The_chart_lints_with_default_and_replicated_values()
    {
        using var helm = new RealClient("helm");
        var values = Path.Combine(helm.Home, "replicated.yaml");
        File.WriteAllText(values, ReplicatedValues);
        Assert.Contains("0 chart(s) failed", helm.Ok("lint", "--strict", Chart));
        Assert.Contains("0 chart(s) failed", helm.Ok("lint", "--strict", Chart, "-f", values));
    }

    [RealClientFact("helm")]
    public void Default_values_render_one_server_on_a_shared_volume_with_health_probes()
    {
        using var helm = new RealClient("helm");
        var objects = Render(helm, "gq");

        Assert.Equal(["Deployment", "PersistentVolumeClaim", "Service"], objects.Keys.Select(k => k.Kind).Order());
        var deployment = objects[("Deployment", "gq-gitopshq")];
        Assert.Equal("1", Text(deployment, "spec", "replicas"));
        var containers = Seq(deployment, "spec", "template", "spec", "containers");
        var server = Assert.Single(containers);
        var args = Seq(server, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal(["--data", "/data", "--urls", "http://0.0.0.0:8080", "--Logging:Console:FormatterName=json"], args);
        Assert.False(((YamlMappingNode)server).Children.ContainsKey("env"));
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("/healthz", Text(server, probe, "httpGet", "path"));
            Assert.Equal("8080", Text(server, probe, "httpGet", "port"));
        }
        Assert.Equal("/data", Text(Seq(server, "volumeMounts")[0], "mountPath"));
        Assert.Equal("gq-gitopshq-data", Text(Seq(deployment, "spec", "template", "spec", "volumes")[0], "persistentVolumeClaim", "claimName"));

        var claim = objects[("PersistentVolumeClaim", "gq-gitopshq-data")];
        Assert.Equal("ReadWriteMany", Text(Seq(claim, "spec", "accessModes")[0]));
        Assert.Equal("keep", Text(claim, "metadata", "annotations", "helm.sh/resource-policy"));
        var service = objects[("Service", "gq-gitopshq")];
        Assert.Equal("http", Text(Seq(service, "spec", "ports")[0], "targetPort"));
        Assert.Equal("http", Text(Seq(server, "ports")[0], "name"));
    }

    [RealClientFact("helm")]
    public void Three_replicas_on_postgres_and_redis_with_the_nginx_sidecar()
    {
        using var helm = new RealClient("helm");
        var values = Path.Combine(helm.Home, "replicated.yaml");
        File.WriteAllText(values, ReplicatedValues);
        var objects = Render(helm, "gq", "-f", values);

        Assert.Equal(["ConfigMap", "Deployment", "Ingress", "PersistentVolumeClaim", "Secret", "Service"], objects.Keys.Select(k => k.Kind).Order());
        var deployment = objects[("Deployment", "gq-gitopshq")];
        Assert.Equal("3", Text(deployment, "spec", "replicas"));
        var containers = Seq(deployment, "spec", "template", "spec", "containers");
        Assert.Equal(["server", "nginx"], containers.Select(c => Text(c, "name")));
        var server = containers[0];
        var args = Seq(server, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal("http://127.0.0.1:8080", args[args.IndexOf("--urls") + 1]);
        Assert.Contains("--Database:Provider=postgres", args);
        Assert.Contains("--Redis:Configuration=redis.gitopshq.svc:6379", args);
        Assert.Contains("--Cluster:Replicas=3", args);
        Assert.Contains("--OciRegistry:Offload:AccelRedirect=/_blobs/", args);
        Assert.Contains("--OciRegistry:RateLimit:TrustedProxies:0=127.0.0.1", args);
        Assert.DoesNotContain(args, a => a.Contains("Password", StringComparison.OrdinalIgnoreCase));
        var connection = Seq(server, "env")[0];
        Assert.Equal("Database__ConnectionString", Text(connection, "name"));
        Assert.Equal("gq-gitopshq-database", Text(connection, "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("connection-string", Text(connection, "valueFrom", "secretKeyRef", "key"));
        Assert.Equal("Host=postgres;Database=gitopshq;Username=gitopshq;Password=secret",
            Text(objects[("Secret", "gq-gitopshq-database")], "stringData", "connection-string"));
        // The balancer's checks go through nginx to the server: both must answer.
        Assert.Equal("8081", Text(server, "readinessProbe", "httpGet", "port"));
        Assert.False(((YamlMappingNode)server).Children.ContainsKey("ports"));

        var nginx = containers[1];
        Assert.Equal("http", Text(Seq(nginx, "ports")[0], "name"));
        Assert.Equal("8081", Text(Seq(nginx, "ports")[0], "containerPort"));
        Assert.Equal("true", Text(Seq(nginx, "volumeMounts")[0], "readOnly"));
        var conf = Text(objects[("ConfigMap", "gq-gitopshq-nginx")], "data", "nginx.conf");
        Assert.Contains("alias /data/registry/blobs/;", conf);
        Assert.Contains("internal;", conf);
        Assert.Contains("server 127.0.0.1:8080;", conf);
        Assert.Contains("listen 8081;", conf);

        var ingress = objects[("Ingress", "gq-gitopshq")];
        Assert.Equal("nginx", Text(ingress, "spec", "ingressClassName"));
        Assert.Equal("0", Text(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-body-size"));
        var rule = Seq(ingress, "spec", "rules")[0];
        Assert.Equal("registry.example.com", Text(rule, "host"));
        Assert.Equal("gq-gitopshq", Text(Seq(rule, "http", "paths")[0], "backend", "service", "name"));

        // The sidecar's configuration is one nginx accepts.
        if (Nginx.MissingReason() is null)
        {
            var folder = Path.Combine(helm.Home, "nginx");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "nginx.conf"), conf.Replace("/tmp/", folder + "/"));
            var (code, output, error) = Command.Run(Nginx.Program, ["-t", "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")]);
            Assert.True(code == 0, output + error);
        }
    }

    [RealClientFact("helm")]
    public void Replicas_without_a_shared_database_and_redis_are_refused_with_the_reason()
    {
        using var helm = new RealClient("helm");
        Assert.Contains("replicaCount > 1 needs database.provider=postgres", helm.Fails("template", "gq", Chart, "--set", "replicaCount=3"));
        Assert.Contains("needs redis.configuration", helm.Fails("template", "gq", Chart, "--set", "replicaCount=3,database.provider=postgres,database.existingSecret=db"));
        Assert.Contains("ReadWriteMany", helm.Fails("template", "gq", Chart, "--set",
            "replicaCount=3,database.provider=postgres,database.existingSecret=db,redis.configuration=redis:6379,persistence.accessModes[0]=ReadWriteOnce"));
        Assert.Contains("needs database.existingSecret or database.connectionString", helm.Fails("template", "gq", Chart, "--set", "database.provider=postgres"));
    }

    private static Dictionary<(string Kind, string Name), YamlNode> Render(RealClient helm, params string[] args)
    {
        var output = helm.Stdout(["template", args[0], Chart, .. args[1..]]);
        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return stream.Documents.Where(d => d.RootNode is YamlMappingNode)
            .ToDictionary(d => (Text(d.RootNode, "kind"), Text(d.RootNode, "metadata", "name")), d => d.RootNode);
    }

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? "";

    private static List<YamlNode> Seq(YamlNode node, params string[] path) => ((YamlSequenceNode)Node(node, path)).Children.ToList();
}
