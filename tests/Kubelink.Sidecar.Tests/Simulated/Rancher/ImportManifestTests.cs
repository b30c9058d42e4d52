using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Simulated.Rancher;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>What "scoped to the tenant" does to Rancher's import YAML, and the agent's Rancher options refused with the fix.</summary>
public sealed class ImportManifestTests
{
    [Fact]
    public void Parse_RancherYaml_NamespacedIntoTheTenant_ClusterScopedPrefixed_NoNamespace_AgentNotStarted()
    {
        var manifest = ImportManifest.Parse(FakeImportYaml.For("https://rancher.example", "regtoken"), "c1");

        Assert.DoesNotContain(manifest.Objects, o => o.Kind == "Namespace");
        Assert.All(manifest.Objects, o => Assert.Equal("c1", o.Body["metadata"]!["labels"]!["cluster-id"]!.ToString()));
        var names = manifest.Objects.Select(o => $"{o.CollectionPath} {o.Body["metadata"]!["name"]}").ToList();
        Assert.Contains("apis/rbac.authorization.k8s.io/v1/clusterroles c1-cattle-admin", names);
        Assert.Contains("apis/rbac.authorization.k8s.io/v1/clusterrolebindings c1-proxy-role-binding-kubernetes-master", names);
        Assert.Contains("api/v1/namespaces/cluster-c1/serviceaccounts cattle", names);
        Assert.Contains("apis/apps/v1/namespaces/cluster-c1/deployments cattle-cluster-agent", names);
        Assert.All(manifest.Objects.Where(o => o.CollectionPath.Contains("/namespaces/", StringComparison.Ordinal)), o => Assert.Equal("cluster-c1", o.Body["metadata"]!["namespace"]!.ToString()));

        var binding = manifest.Objects.Single(o => o.Body["metadata"]!["name"]!.ToString() == "c1-cattle-admin-binding").Body;
        Assert.Equal("c1-cattle-admin", binding["roleRef"]!["name"]!.ToString());
        Assert.Equal("cluster-c1", binding["subjects"]![0]!["namespace"]!.ToString());
        var deployment = manifest.Objects.Single(o => o.Kind == "Deployment").Body;
        Assert.Equal(0, (int)deployment["spec"]!["replicas"]!);
        var env = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Equal("true", env.Single(e => e!["name"]!.ToString() == "CATTLE_CLUSTER")!["value"]!.GetValue<string>()); // quoted stays a string
        Assert.StartsWith("cattle-credentials-", manifest.CredentialsSecret, StringComparison.Ordinal);
        var secret = manifest.Objects.Single(o => o.Kind == "Secret").Body;
        Assert.Equal("regtoken", ImportManifest.CredentialsToken(secret));
    }

    [Fact]
    public void Parse_UnknownKindSkipped_BuiltInClusterRoleReferenceKept()
    {
        var yaml = FakeImportYaml.For("https://r", "t") + """

            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: cattle-cluster-agent, namespace: cattle-system}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: extra}
            roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: User, name: someone}]
            """;
        var manifest = ImportManifest.Parse(yaml, "c2");
        Assert.Equal(["PodDisruptionBudget/cattle-cluster-agent"], manifest.Skipped);
        var extra = manifest.Objects.Single(o => o.Body["metadata"]!["name"]!.ToString() == "c2-extra").Body;
        Assert.Equal("cluster-admin", extra["roleRef"]!["name"]!.ToString()); // not defined by the YAML: not renamed
    }

    [Theory]
    [InlineData(FakeImportYaml.Broken, "does not parse (line")]
    [InlineData("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: cattle, namespace: cattle-system}\n", "no cattle-credentials-* Secret")]
    [InlineData("- a\n- b\n", "does not parse (line 1")]
    [InlineData("apiVersion: v1\nkind: Secret\n", "without kind or metadata.name")]
    public void Parse_BadYaml_SaysWhatIsWrong(string yaml, string expected)
    {
        var e = Assert.Throws<ImportManifestException>(() => ImportManifest.Parse(yaml, "c3"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_Base64JsonWithAddressTokenAndCa()
    {
        var encoded = RancherTunnels.Params("127.0.0.1:8443", new TunnelTarget(() => 8443, "endpoint-token", "-----BEGIN CERTIFICATE-----\nx\n", "reg"));
        var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)))!["cluster"]!;
        Assert.Equal("127.0.0.1:8443", json["address"]!.ToString());
        Assert.Equal("endpoint-token", json["token"]!.ToString());
        Assert.Equal("-----BEGIN CERTIFICATE-----\nx\n", Encoding.UTF8.GetString(Convert.FromBase64String(json["caCert"]!.ToString())));
    }

    [Theory]
    [InlineData("ftp://rancher", "key", "is not an http(s) URL")]
    [InlineData("https://rancher", "  \n", "--rancher-token-file is empty")]
    public void Settings_Refused_NamingTheOption(string url, string token, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => RancherSettings.Parse(url, token));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_TunnelUrls_WssForHttps_TokenNotPrinted()
    {
        var settings = RancherSettings.Parse("https://rancher.example/", "token-a:b\n");
        Assert.Equal("wss://rancher.example/v3/connect/register", settings.Tunnel("v3/connect/register").ToString());
        Assert.Equal("token-a:b", settings.Token);
        Assert.DoesNotContain("token-a", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_CaFile_ReadableWithPemCertificates_ElseNamed()
    {
        using var dir = new TempDir();
        var notPem = Path.Combine(dir.Path, "ca.txt");
        File.WriteAllText(notPem, "not a certificate");
        var e = Assert.Throws<ArgumentException>(() => RancherSettings.Parse("https://rancher", "key", notPem));
        Assert.Equal($"--rancher-ca-file names '{notPem}', which has no PEM certificate (-----BEGIN CERTIFICATE-----) in it", e.Message);
        var missing = Path.Combine(dir.Path, "missing.pem");
        e = Assert.Throws<ArgumentException>(() => RancherSettings.Parse("https://rancher", "key", missing));
        Assert.StartsWith($"--rancher-ca-file names '{missing}', which cannot be read", e.Message, StringComparison.Ordinal);

        using var ca = Kubelink.Sidecar.Simulated.EndpointCertificate.LoadOrCreate(dir.Path);
        var pem = Path.Combine(dir.Path, "ca.pem");
        File.WriteAllText(pem, ca.CaPem);
        Assert.Equal(ca.CaPem, RancherSettings.Parse("https://rancher", "key", pem).CaPem);
    }

    [Theory]
    [InlineData("--rancher-url and --rancher-token-file go together", "--rancher-url", "https://rancher.example")]
    [InlineData("--rancher-ca-file needs --rancher-url and --rancher-token-file", "--rancher-ca-file", "/tmp/ca.pem")]
    public async Task AgentVerb_RancherOptionsIncomplete_ExitsWithUsage(string expected, params string[] options)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { SidecarProcess.DllPath, "agent", "--port", "0" }.Concat(options))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await Wait.For(process.WaitForExitAsync(), "the agent to refuse its options");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, await stderr, StringComparison.Ordinal);
        Assert.Contains("[--rancher-ca-file F]", await stderr, StringComparison.Ordinal);
    }
}
