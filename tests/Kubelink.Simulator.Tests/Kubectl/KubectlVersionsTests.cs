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

    [Theory]
    [InlineData("v1.31.0")]
    [InlineData("v1.32.4")]
    public async Task Workload_generators_create_what_they_describe(string serverVersion)
    {
        await using var sim = await SimulatorFixture.StartAsync(new SimulatorOptions { Namespaces = 0, Nodes = 1, PodsPerNamespace = 0, GitVersion = serverVersion });
        var admin = new KubectlRunner(sim.AdminKubeconfig);

        var deployment = await admin.RunAsync("create", "deployment", "gen", "-n", "team-a", "--image=nginx:1", "--port=80", "--replicas=2", "--", "sleep", "10");
        Assert.True(deployment.ExitCode == 0, deployment.Stderr);
        var spec = sim.Server.Store.Get("apps/v1", "Deployment", "team-a", "gen")!["spec"]!;
        Assert.Equal(2, spec["replicas"]!.GetValue<long>());
        Assert.Equal("gen", spec["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        var container = spec["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("nginx:1", container["image"]!.GetValue<string>());
        Assert.Equal(["sleep", "10"], container["command"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(80, container["ports"]![0]!["containerPort"]!.GetValue<long>());

        var cron = await admin.RunAsync("create", "cronjob", "gen", "-n", "team-a", "--image=busybox", "--schedule=*/5 * * * *", "--", "echo", "hi");
        Assert.True(cron.ExitCode == 0, cron.Stderr);
        var cronSpec = sim.Server.Store.Get("batch/v1", "CronJob", "team-a", "gen")!["spec"]!;
        Assert.Equal("*/5 * * * *", cronSpec["schedule"]!.GetValue<string>());
        Assert.Equal("OnFailure", cronSpec["jobTemplate"]!["spec"]!["template"]!["spec"]!["restartPolicy"]!.GetValue<string>());

        var service = await admin.RunAsync("create", "service", "clusterip", "gen", "-n", "team-a", "--tcp=80:8080");
        Assert.True(service.ExitCode == 0, service.Stderr);
        var port = sim.Server.Store.Get("v1", "Service", "team-a", "gen")!["spec"]!["ports"]![0]!;
        Assert.Equal(80, port["port"]!.GetValue<long>());
        Assert.Equal(8080, port["targetPort"]!.GetValue<long>());

        var run = await admin.RunAsync("run", "gen", "-n", "team-a", "--image=busybox", "--", "sleep", "1000");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var pods = await admin.RunAsync("get", "pod", "gen", "-n", "team-a");
        Assert.Matches(@"(?m)^gen\s+0/1\s+Pending\s+0\s+", pods.Stdout);

        var listed = await admin.RunAsync("get", "deploy,cronjob,svc", "-n", "team-a");
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Contains("deployment.apps/gen", listed.Stdout);
        Assert.Contains("cronjob.batch/gen", listed.Stdout);
        Assert.Contains("service/gen", listed.Stdout);
    }
}
