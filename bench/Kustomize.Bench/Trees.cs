using System.Text;

namespace GitOpsHQ.Bench.Kustomize;

/// <summary>The kustomization trees measured, as relative paths and file texts.</summary>
internal static class Trees
{
    /// <summary>
    /// A typical overlay: a base of 6 resources, and an overlay with 3 patches (a strategic merge patch on
    /// the Deployment, another on the ConfigMap, a JSON 6902 patch on the Service), a ConfigMap generator,
    /// an image override, labels, a name prefix and a namespace.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TypicalOverlay() => new Dictionary<string, string>
    {
        ["base/kustomization.yaml"] = "resources:\n- deployment.yaml\n- service.yaml\n- config.yaml\n- rbac.yaml\n",
        ["base/deployment.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  serviceAccountName: web
                  containers:
                  - name: web
                    image: registry.example.com/web:1.0.0
                    ports:
                    - {containerPort: 8080, name: http}
                    env:
                    - {name: LOG_LEVEL, value: info}
                    envFrom:
                    - configMapRef: {name: web-settings}
                    volumeMounts:
                    - {name: config, mountPath: /etc/web}
                  volumes:
                  - name: config
                    configMap: {name: web-settings}

            """,
        ["base/service.yaml"] = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: http}

            """,
        ["base/config.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-settings
            data:
              mode: production
              timeout: "30"

            """,
        ["base/rbac.yaml"] = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: web
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: web-reader
            rules:
            - apiGroups: [""]
              resources: [configmaps]
              verbs: [get, list]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: web-reader
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web-reader}
            subjects:
            - {kind: ServiceAccount, name: web}

            """,
        ["overlay/kustomization.yaml"] = """
            resources:
            - ../base
            namespace: production
            namePrefix: prod-
            labels:
            - pairs: {team: storefront, env: production}
              includeSelectors: true
            images:
            - name: registry.example.com/web
              newTag: 1.4.2
            configMapGenerator:
            - name: web-flags
              literals: [FEATURE_A=on, FEATURE_B=off]
            patches:
            - path: deployment-patch.yaml
            - patch: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: web-settings
                data:
                  timeout: "60"
            - target: {kind: Service, name: web}
              patch: |
                - op: add
                  path: /spec/type
                  value: LoadBalancer

            """,
        ["overlay/deployment-patch.yaml"] = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 5
              template:
                spec:
                  containers:
                  - name: web
                    env:
                    - {name: LOG_LEVEL, value: warn}
                    - name: FLAGS
                      valueFrom:
                        configMapKeyRef: {name: web-flags, key: FEATURE_A}
                    resources:
                      limits: {cpu: "1", memory: 512Mi}
                  - name: proxy
                    image: envoyproxy/envoy:v1.30.0
                    ports:
                    - {containerPort: 9901, name: admin}

            """,
    };

    /// <summary>1,000 resources (Deployments, Services and ConfigMaps in 10 files) with a prefix, labels and a namespace.</summary>
    public static IReadOnlyDictionary<string, string> ThousandResources()
    {
        var files = new Dictionary<string, string>();
        var kustomization = new StringBuilder("namespace: fleet\nnamePrefix: fleet-\ncommonLabels:\n  fleet: \"true\"\nresources:\n");
        var index = 0;
        for (var file = 0; file < 10; file++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < 100; i++, index++)
            {
                var name = $"app-{index:D4}";
                text.Append((index % 3) switch
                {
                    0 => $"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {{app: {name}}}\n"
                        + $"  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers:\n      - name: main\n        image: registry.example.com/{name}:1.0.{index}\n"
                        + $"        envFrom:\n        - configMapRef: {{name: app-{index + 2:D4}}}\n",
                    1 => $"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  selector: {{app: app-{index - 1:D4}}}\n  ports:\n  - {{port: 80, targetPort: 8080}}\n",
                    _ => $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  index: \"{index}\"\n  mode: standard\n",
                });
            }

            files[$"resources-{file}.yaml"] = text.ToString();
            kustomization.Append($"- resources-{file}.yaml\n");
        }

        files["kustomization.yaml"] = kustomization.ToString();
        return files;
    }

    /// <summary>Writes a tree under <paramref name="directory"/>.</summary>
    public static void Write(IReadOnlyDictionary<string, string> tree, string directory)
    {
        foreach (var (path, text) in tree)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }
}
