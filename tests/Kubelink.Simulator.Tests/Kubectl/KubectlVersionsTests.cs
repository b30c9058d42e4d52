namespace Kubelink.Simulator.Tests.Kubectl;

/// <summary>
/// kubectl 1.32+ sends typed objects protobuf-encoded (access reviews, <c>kubectl create</c> generators). Where
/// the kubectl on PATH follows the server's version (a version dispatcher), each server version below also
/// exercises a different kubectl release.
/// </summary>
public sealed class KubectlVersionsTests
{
    [Theory]
    [InlineData("v1.31.0")]
    [InlineData("v1.32.4")]
    [InlineData("v1.33.1")]
    public async Task Typed_requests_work_whatever_their_encoding(string serverVersion)
    {
        await using var sim = await SimulatorFixture.StartAsync(new SimulatorOptions { Namespaces = 0, Nodes = 1, PodsPerNamespace = 1, GitVersion = serverVersion });
        var admin = new KubectlRunner(sim.AdminKubeconfig);
        var restricted = new KubectlRunner(sim.RestrictedKubeconfig);

        var list = await restricted.RunAsync("auth", "can-i", "--list");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Matches(@"(?m)^pods\s+\[\]\s+\[\]\s+\[get list watch\]", list.Stdout);
        Assert.Equal("yes", (await restricted.RunAsync("auth", "can-i", "get", "pods", "--subresource=log")).Stdout.Trim());
        Assert.Equal("no", (await restricted.RunAsync("auth", "can-i", "create", "configmaps")).Stdout.Trim());

        var whoami = await restricted.RunAsync("auth", "whoami");
        Assert.True(whoami.ExitCode == 0, whoami.Stderr);
        Assert.Matches(@"Username\s+" + SimulatorFixture.Restricted, whoami.Stdout);

        var configmap = await admin.RunAsync("create", "configmap", "typed", "-n", "team-b", "--from-literal=a=b", "--from-literal=c=d");
        Assert.True(configmap.ExitCode == 0, configmap.Stderr);
        var stored = sim.Server.Store.Get("v1", "ConfigMap", "team-b", "typed")!;
        Assert.Equal("b", stored["data"]!["a"]!.GetValue<string>());
        Assert.Equal("d", stored["data"]!["c"]!.GetValue<string>());

        var secret = await admin.RunAsync("create", "secret", "generic", "typed", "-n", "team-b", "--from-literal=pw=hunter2");
        Assert.True(secret.ExitCode == 0, secret.Stderr);
        Assert.Equal(Convert.ToBase64String("hunter2"u8.ToArray()), sim.Server.Store.Get("v1", "Secret", "team-b", "typed")!["data"]!["pw"]!.GetValue<string>());

        var binding = await admin.RunAsync("create", "rolebinding", "typed", "-n", "team-b", "--clusterrole=edit", "--user=" + SimulatorFixture.Restricted);
        Assert.True(binding.ExitCode == 0, binding.Stderr);
        Assert.Equal("yes", (await restricted.RunAsync("auth", "can-i", "create", "configmaps", "-n", "team-b")).Stdout.Trim());

        var ns = await admin.RunAsync("create", "namespace", "typed-ns");
        Assert.True(ns.ExitCode == 0, ns.Stderr);
        var sa = await admin.RunAsync("create", "serviceaccount", "typed", "-n", "typed-ns");
        Assert.True(sa.ExitCode == 0, sa.Stderr);
        var role = await admin.RunAsync("create", "role", "typed", "-n", "typed-ns", "--verb=get,list", "--resource=pods,configmaps");
        Assert.True(role.ExitCode == 0, role.Stderr);
        var rules = sim.Server.Store.Get("rbac.authorization.k8s.io/v1", "Role", "typed-ns", "typed")!["rules"]!.AsArray();
        Assert.Contains(rules, r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == "pods") && r["verbs"]!.AsArray().Count == 2);
    }
}
