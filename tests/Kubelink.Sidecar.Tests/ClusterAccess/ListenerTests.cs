using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>The listener against the simulator: each auth kind writes a 0600 schema file with the seed's metadata.</summary>
public sealed class ListenerTests
{
    [Fact]
    public async Task TokenSecret_WritesA0600FileIn0700Folder_WithMetadata_AndReady()
    {
        await using var bed = await ListenerTestBed.StartAsync();
        bed.CaSecret();
        bed.Secret("sim-token", new() { ["token"] = bed.AdminToken });
        await bed.ApplyAsync(bed.Yaml("sim", "secretRef: {name: sim-token, namespace: default, key: token}"));

        var ready = await bed.ReadyConditionAsync("sim");
        Assert.True(ready["status"]!.ToString() == "True", ready.ToJsonString());
        Assert.Equal("SchemaWritten", ready["reason"]!.ToString());
        var file = Path.Combine(bed.Definitions, "sim.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(bed.Definitions));
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        var metadata = document["x-cluster-metadata"]!;
        Assert.Equal(bed.Simulator.BaseAddress.ToString().TrimEnd('/'), metadata["host"]!.ToString());
        Assert.Equal("sim", metadata["path"]!.ToString());
        Assert.Equal("token", metadata["auth"]!["type"]!.ToString());
        Assert.Null(metadata["auth"]!["token"]); // no credential on disk (docs/decisions/0036)
        Assert.DoesNotContain(bed.AdminToken, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(bed.Simulator.CaCertificatePem, Encoding.UTF8.GetString(Convert.FromBase64String(metadata["ca"]!["data"]!.ToString())));
        var pod = document["definitions"]!["io.k8s.api.v1.Pod"]!;
        Assert.Equal("Namespaced", pod["x-kubernetes-scope"]!.ToString());
        Assert.Equal("pods", pod["x-kubelink-plural"]!.ToString());
        Assert.Equal("sim", bed.Get("sim")!["status"]!["observedPath"]!.ToString());
        Assert.Contains("gateway.platform-mesh.io/clusteraccess-finalizer", bed.Get("sim")!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.ToString()));
    }

    [Fact]
    public async Task KubeconfigSecret_AndClientCertificate_AndCaFromConfigMap_AreReady()
    {
        await using var bed = await ListenerTestBed.StartAsync();
        bed.Secret("sim-kubeconfig", new() { ["kubeconfig"] = await File.ReadAllTextAsync(bed.Kubeconfig) });
        var (cert, key) = bed.Simulator.AddCertificateUser("cert-user", ["system:masters"]);
        bed.Secret("sim-tls", new() { ["tls.crt"] = cert, ["tls.key"] = key }, "kubernetes.io/tls");
        bed.Simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "sim-ca-map", ["namespace"] = "default" },
            ["data"] = new JsonObject { ["ca.crt"] = bed.Simulator.CaCertificatePem },
        });
        await bed.ApplyAsync(bed.Yaml("by-kubeconfig", "kubeconfigSecretRef: {name: sim-kubeconfig, namespace: default}", ca: "ca:\n    configMapRef: {name: sim-ca-map, key: ca.crt}"));
        await bed.ApplyAsync(bed.Yaml("by-cert", "clientCertificateRef: {name: sim-tls}", ca: "ca:\n    configMapRef: {name: sim-ca-map, key: ca.crt}"));

        foreach (var (name, type) in new[] { ("by-kubeconfig", "kubeconfig"), ("by-cert", "clientCert") })
        {
            var ready = await bed.ReadyConditionAsync(name);
            Assert.True(ready["status"]!.ToString() == "True", ready.ToJsonString());
            var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(bed.Definitions, name + ".json")))!["x-cluster-metadata"]!;
            Assert.Equal(type, metadata["auth"]!["type"]!.ToString());
        }
    }

    [Fact]
    public async Task ServiceAccount_TokenMintedByTokenRequest_IsReady()
    {
        await using var bed = await ListenerTestBed.StartAsync();
        bed.CaSecret();
        await Kubectl.OutputAsync(bed.Kubeconfig, "create", "serviceaccount", "gql-reader", "-n", "default");
        await Kubectl.OutputAsync(bed.Kubeconfig, "create", "clusterrolebinding", "gql-reader", "--clusterrole=cluster-admin", "--serviceaccount=default:gql-reader");
        await bed.ApplyAsync(bed.Yaml("by-sa", "serviceAccount: {name: gql-reader, namespace: default, audience: [kubernetes], token_expiration: \"01:00:00\"}"));

        var ready = await bed.ReadyConditionAsync("by-sa");
        Assert.True(ready["status"]!.ToString() == "True", ready.ToJsonString());
        var metadata = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(bed.Definitions, "by-sa.json")))!["x-cluster-metadata"]!;
        Assert.Equal("serviceAccount", metadata["auth"]!["type"]!.ToString());
    }

    [Theory]
    [InlineData("secretRef: {name: nowhere, key: token}", "SecretMissing", "Secret default/nowhere does not exist")]
    [InlineData("secretRef: {name: sim-token, key: other}", "KeyMissing", "Secret default/sim-token has no key 'other'")]
    [InlineData("secretRef: {name: bad-token, key: token}", "Unauthorized", "401")]
    [InlineData("", "InvalidSpec", "spec.auth names none of")]
    public async Task Failure_IsTheExactStatusCondition(string auth, string reason, string message)
    {
        await using var bed = await ListenerTestBed.StartAsync();
        bed.CaSecret();
        bed.Secret("sim-token", new() { ["token"] = bed.AdminToken });
        bed.Secret("bad-token", new() { ["token"] = "not-a-valid-token" });
        await bed.ApplyAsync(bed.Yaml("broken", auth.Length == 0 ? "{}" : auth));

        var ready = await bed.ReadyConditionAsync("broken");
        Assert.Equal("False", ready["status"]!.ToString());
        Assert.Equal(reason, ready["reason"]!.ToString());
        Assert.Contains(message, ready["message"]!.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(bed.Definitions, "broken.json")));
    }

    [Fact]
    public async Task UnreachableHost_AndWrongCa_AreNamed()
    {
        await using var bed = await ListenerTestBed.StartAsync();
        bed.Secret("sim-token", new() { ["token"] = bed.AdminToken });
        await using var other = new Kubelink.Simulator.SimulatorServer(new Kubelink.Simulator.SimulatorOptions { Namespaces = 0 });
        bed.Secret("other-ca", new() { ["ca.crt"] = other.CaCertificatePem });
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now

        await bed.ApplyAsync(bed.Yaml("unreachable", "secretRef: {name: sim-token, key: token}", host: $"https://127.0.0.1:{port}", ca: "ca:\n    secretRef: {name: other-ca, key: ca.crt}"));
        await bed.ApplyAsync(bed.Yaml("wrong-ca", "secretRef: {name: sim-token, key: token}", ca: "ca:\n    secretRef: {name: other-ca, key: ca.crt}"));

        var unreachable = await bed.ReadyConditionAsync("unreachable");
        Assert.Equal("Unreachable", unreachable["reason"]!.ToString());
        var tls = await bed.ReadyConditionAsync("wrong-ca");
        Assert.Equal("TLSError", tls["reason"]!.ToString());
        Assert.Contains("CA", tls["message"]!.ToString(), StringComparison.Ordinal);
    }
}
