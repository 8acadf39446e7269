using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Workloads;

/// <summary>
/// The chart the workload tests deploy, published version by version with the real git CLI (an annotated tag publishes):
/// 1.2.0 a ConfigMap and a Deployment reading <c>legacy.banner</c>; 1.2.5 the same with a note; 1.3.0 drops
/// <c>legacy</c>, adds a Service and a label; 1.4.0 allows at most 2 replicas (values.schema.json); 2.0.0 renames the
/// ConfigMap.
/// </summary>
public static class WorkloadCharts
{
    private const string Helpers = """
        {{- define "web.labels" -}}
        app.kubernetes.io/name: {{ .Chart.Name }}
        app.kubernetes.io/instance: {{ .Release.Name }}
        {{- end -}}
        """;

    private static string Chart(string name, string version) => $"apiVersion: v2\nname: {name}\nversion: {version}\nappVersion: \"{version}\"\n";

    private static Dictionary<string, string> V120(string name, string version) => new()
    {
        ["Chart.yaml"] = Chart(name, version),
        ["values.yaml"] = "replicaCount: 1\ngreeting: hello\nimage:\n  repository: nginx\n  tag: \"1.25\"\nlegacy:\n  banner: old\n",
        ["templates/_helpers.tpl"] = Helpers + "\n",
        ["templates/configmap.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-config
              namespace: {{ .Release.Namespace }}
              labels:
                {{- include "web.labels" . | nindent 4 }}
            data:
              greeting: {{ .Values.greeting | quote }}
              banner: {{ .Values.legacy.banner | quote }}

            """,
        ["templates/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}
              namespace: {{ .Release.Namespace }}
              labels:
                {{- include "web.labels" . | nindent 4 }}
            spec:
              replicas: {{ .Values.replicaCount }}
              selector:
                matchLabels:
                  app.kubernetes.io/instance: {{ .Release.Name }}
              template:
                metadata:
                  labels:
                    app.kubernetes.io/instance: {{ .Release.Name }}
                spec:
                  containers:
                    - name: web
                      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"

            """,
    };

    private static Dictionary<string, string> V130(string name, string version)
    {
        var files = V120(name, version);
        files["values.yaml"] = "replicaCount: 1\ngreeting: hello\nimage:\n  repository: nginx\n  tag: \"1.25\"\n";
        files["templates/configmap.yaml"] = files["templates/configmap.yaml"].Replace("  banner: {{ .Values.legacy.banner | quote }}\n", "");
        files["templates/_helpers.tpl"] = Helpers.Replace("{{- end -}}", "app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}\n{{- end -}}") + "\n";
        files["templates/service.yaml"] = """
            apiVersion: v1
            kind: Service
            metadata:
              name: {{ .Release.Name }}
              namespace: {{ .Release.Namespace }}
            spec:
              selector:
                app.kubernetes.io/instance: {{ .Release.Name }}
              ports:
                - port: 80

            """;
        return files;
    }

    public static readonly (string Version, string Notes, Func<string, string, Dictionary<string, string>> Files)[] Versions =
    [
        ("1.2.0", "First release", V120),
        ("1.2.5", "Patch: nothing visible", V120),
        ("1.3.0", "Adds a Service; legacy.banner is gone", V130),
        ("1.4.0", "At most two replicas", (n, v) =>
        {
            var files = V130(n, v);
            files["values.schema.json"] = """{"type": "object", "properties": {"replicaCount": {"type": "integer", "maximum": 2}}}""";
            return files;
        }),
        ("2.0.0", "Renames the ConfigMap", (n, v) =>
        {
            var files = V130(n, v);
            files["templates/configmap.yaml"] = files["templates/configmap.yaml"].Replace("-config", "-settings");
            return files;
        }),
    ];

    /// <summary>Pushes the chart's versions up to and including <paramref name="upTo"/> (all when null).</summary>
    public static void Publish(TestServer server, GitClient git, string token, string name, string? upTo = null)
    {
        var clone = Path.Combine(git.Root, "publish-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(clone);
        git.Run(clone, "init", "-q", "-b", "main");
        git.Run(clone, "remote", "add", "origin", GitClient.Url(server, token, "charts", name));
        foreach (var (version, notes, files) in Versions)
        {
            foreach (var file in Directory.GetFiles(clone, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.git/"))) File.Delete(file);
            foreach (var (path, text) in files(name, version))
            {
                var full = Path.Combine(clone, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }
            git.Run(clone, "add", "-A");
            git.Run(clone, "commit", "-qm", $"Release {version}");
            git.Run(clone, "tag", "-a", version, "-m", notes);
            git.Run(clone, "push", "-q", "origin", "main", version);
            if (version == upTo) break;
        }
    }

    /// <summary>What `gitopshq template` prints for the chart at <paramref name="version"/> with the values (as a workload renders it).</summary>
    public static string Template(TestServer server, GitClient git, string token, string name, string version, string releaseName, string ns, string values)
    {
        var directory = Path.Combine(git.Root, $"cli-{name}-{version}-{Guid.NewGuid():N}");
        git.Run(null, "clone", "-q", "--branch", version, GitClient.Url(server, token, "charts", name), directory);
        var valuesFile = directory + ".values.yaml";
        File.WriteAllText(valuesFile, values);
        var (code, output, error) = Command.Run("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "gitopshq.dll"), "template", releaseName, directory, "-n", ns, "-f", valuesFile]);
        if (code != 0) throw new InvalidOperationException("gitopshq template failed: " + error);
        return output;
    }
}
