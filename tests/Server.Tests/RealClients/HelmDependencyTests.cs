using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.RealClients;

/// <summary>
/// `helm dependency update` and `build` of a chart whose dependencies come from this registry, with version ranges.
/// Helm 3.13 lists tags over HTTPS but pulls from loopback addresses over plain HTTP, so the server listens with TLS on
/// a non-loopback address of this machine, as a registry users reach by name does.
/// </summary>
public sealed class HelmDependencyTests
{
    [RealClientFact("helm", NeedsNonLoopbackAddress = true)]
    public async Task Helm_resolves_version_ranges_from_the_tag_list_and_downloads_dependencies()
    {
        var address = RealTools.NonLoopbackAddress()!;
        var certificates = TempFolder.Create("tls");
        try
        {
            var (certFile, keyFile) = SelfSigned(certificates, address);
            await using var server = await TestServer.StartAsync(null, "--urls", $"https://{address}:0",
                $"--Kestrel:Certificates:Default:Path={certFile}", $"--Kestrel:Certificates:Default:KeyPath={keyFile}");
            var host = new Uri(server.Url).Authority;
            using var helm = new RealClient("helm", new Dictionary<string, string> { ["SSL_CERT_FILE"] = certFile });
            helm.Ok("registry", "login", host, "--username", "org-token", "--password", server.AdminToken);
            foreach (var version in new[] { "1.2.0", "1.2.5", "1.3.0" })
                helm.Ok("push", HelmClientTests.Package(helm, "lib", version), $"oci://{host}/charts");

            var umbrella = Path.Combine(helm.Home, "umbrella");
            helm.Ok("create", umbrella);
            File.AppendAllText(Path.Combine(umbrella, "Chart.yaml"), $"""
                dependencies:
                  - name: lib
                    version: "~1.2.0"
                    repository: oci://{host}/charts
                  - name: lib
                    alias: latest
                    version: ">=1.0.0"
                    repository: oci://{host}/charts

                """);
            helm.Ok("dependency", "update", umbrella);
            var locked = File.ReadAllText(Path.Combine(umbrella, "Chart.lock"));
            Assert.Contains("version: 1.2.5", locked);
            Assert.Contains("version: 1.3.0", locked);
            Assert.True(File.Exists(Path.Combine(umbrella, "charts", "lib-1.2.5.tgz")));
            Assert.True(File.Exists(Path.Combine(umbrella, "charts", "lib-1.3.0.tgz")));

            // build restores exactly the locked versions, byte for byte what was pushed.
            Directory.Delete(Path.Combine(umbrella, "charts"), recursive: true);
            helm.Ok("dependency", "build", umbrella);
            Assert.Equal(File.ReadAllBytes(Path.Combine(helm.Home, "packages", "lib-1.2.5-", "lib-1.2.5.tgz")),
                File.ReadAllBytes(Path.Combine(umbrella, "charts", "lib-1.2.5.tgz")));
            Assert.Contains("# Source: umbrella/charts/latest/templates/deployment.yaml", helm.Stdout("template", "shop", umbrella));
        }
        finally
        {
            TempFolder.Delete(certificates);
        }
    }

    private static (string Cert, string Key) SelfSigned(string folder, IPAddress address)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={address}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var cert = Path.Combine(folder, "cert.pem");
        var keyFile = Path.Combine(folder, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (cert, keyFile);
    }
}
