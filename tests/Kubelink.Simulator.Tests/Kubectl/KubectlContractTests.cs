using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Tests.Kubectl;

/// <summary>The real kubectl, unchanged, against the simulator with kubeconfigs written by WriteKubeconfig.</summary>
public sealed class KubectlContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private KubectlRunner Admin => new(sim.AdminKubeconfig);

    private KubectlRunner Restricted => new(sim.RestrictedKubeconfig);

    [Fact]
    public async Task Get_pods_in_team_a_prints_a_table_of_running_pods()
    {
        var (code, stdout, stderr) = await Restricted.RunAsync("get", "pods", "-n", "team-a");
        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.True(lines.Length > 1);
        Assert.All(lines[1..], l => Assert.Contains("Running", l));
    }

    [Fact]
    public async Task Get_nodes_works_for_admin_and_is_forbidden_for_restricted_user()
    {
        var admin = await Admin.RunAsync("get", "nodes");
        Assert.True(admin.ExitCode == 0, admin.Stderr);
        Assert.Matches(@"node-000\s+Ready\s+control-plane", admin.Stdout);

        var restricted = await Restricted.RunAsync("get", "nodes");
        Assert.NotEqual(0, restricted.ExitCode);
        Assert.Contains(
            $"Error from server (Forbidden): nodes is forbidden: User \"{SimulatorFixture.Restricted}\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
            restricted.Stderr);
    }

    [Fact]
    public async Task Auth_can_i_list_shows_view_rules_in_team_a()
    {
        var (code, stdout, stderr) = await Restricted.RunAsync("auth", "can-i", "--list", "-n", "team-a");
        Assert.True(code == 0, stderr);
        Assert.Matches(@"(?m)^pods\s+\[\]\s+\[\]\s+\[get list watch\]", stdout);
        Assert.Matches(@"(?m)^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]", stdout);
        Assert.Matches(@"(?m)^\s+\[/api\]\s+\[\]\s+\[get\]", stdout);
        Assert.DoesNotMatch(@"(?m)^secrets\s", stdout);

        var single = await Restricted.RunAsync("auth", "can-i", "delete", "pods", "-n", "team-a");
        Assert.Equal("no", single.Stdout.Trim());
        var yes = await Restricted.RunAsync("auth", "can-i", "watch", "configmaps", "-n", "team-b");
        Assert.Equal("yes", yes.Stdout.Trim());
    }

    [Fact]
    public async Task Api_resources_lists_core_and_group_kinds()
    {
        var (code, stdout, stderr) = await Admin.RunAsync("api-resources");
        Assert.True(code == 0, stderr);
        Assert.Matches(@"(?m)^pods\s+po\s+v1\s+true\s+Pod$", stdout);
        Assert.Matches(@"(?m)^nodes\s+no\s+v1\s+false\s+Node$", stdout);
        Assert.Matches(@"(?m)^deployments\s+deploy\s+apps/v1\s+true\s+Deployment$", stdout);
        Assert.Matches(@"(?m)^clusterroles\s+rbac\.authorization\.k8s\.io/v1\s+false\s+ClusterRole$", stdout);
    }

    [Fact]
    public async Task Get_watch_prints_an_object_created_from_code()
    {
        using var process = Admin.Start("get", "configmaps", "-n", "team-b", "--watch");
        try
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new List<string>();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }
                lock (output)
                {
                    output.Add(e.Data);
                }
                if (e.Data.StartsWith("from-code ", StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            };
            process.BeginOutputReadLine();
            await Await.Until(() => sim.Server.Store.OpenWatches("v1", "ConfigMap") > 0, "kubectl's watch is open");
            sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("team-b", "from-code"));
            await Await.Within(seen.Task, what: "kubectl to print the new configmap");
            lock (output)
            {
                Assert.Matches(@"^NAME\s+DATA\s+AGE$", output[0]);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Apply_creates_then_configures_a_configmap()
    {
        var file = Path.Combine(sim.Directory, "applied.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: team-a\ndata:\n  mode: one\n");
        var first = await Admin.RunAsync("apply", "-f", file);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal("configmap/applied created", first.Stdout.Trim());

        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: team-a\ndata:\n  mode: two\n");
        var second = await Admin.RunAsync("apply", "-f", file);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal("configmap/applied configured", second.Stdout.Trim());
        var stored = sim.Server.Store.Get("v1", "ConfigMap", "team-a", "applied")!;
        Assert.Equal("two", stored["data"]!["mode"]!.GetValue<string>());
        Assert.NotNull(stored["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);

        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: team-a\ndata:\n  mode: three\n");
        var restricted = await Restricted.RunAsync("apply", "-f", file);
        Assert.NotEqual(0, restricted.ExitCode);
        Assert.Contains("forbidden", restricted.Stderr);
    }

    [Fact]
    public async Task Create_from_file_and_get_as_json_round_trips()
    {
        var file = Path.Combine(sim.Directory, "created.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: created\n  namespace: team-a\n  labels:\n    tier: gold\ndata:\n  k: v\n");
        var created = await Admin.RunAsync("create", "-f", file);
        Assert.True(created.ExitCode == 0, created.Stderr);
        var (code, stdout, stderr) = await Admin.RunAsync("get", "configmaps", "-n", "team-a", "-l", "tier in (gold,silver)", "-o", "json");
        Assert.True(code == 0, stderr);
        var list = JsonNode.Parse(stdout)!;
        var item = Assert.Single(list["items"]!.AsArray());
        Assert.Equal("created", item!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("ConfigMap", item["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Custom_resource_definition_created_with_kubectl_becomes_servable()
    {
        var file = Path.Combine(sim.Directory, "crd.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gizmos.demo.kubelink.dev
            spec:
              group: demo.kubelink.dev
              scope: Namespaced
              names: {plural: gizmos, singular: gizmo, kind: Gizmo, shortNames: [gz]}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                additionalPrinterColumns:
                - {name: Size, type: integer, jsonPath: .spec.size}
            """);
        await File.WriteAllTextAsync(Path.Combine(sim.Directory, "gizmo.yaml"), """
            apiVersion: demo.kubelink.dev/v1
            kind: Gizmo
            metadata: {name: g1, namespace: team-a}
            spec: {size: 7}
            """);
        var crd = await Admin.RunAsync("create", "-f", Path.Combine(sim.Directory, "crd.yaml"));
        Assert.True(crd.ExitCode == 0, crd.Stderr);
        // As with a real server, the kind is unknown to kubectl until the CRD exists, so it goes in a second call.
        var gizmo = await Admin.RunAsync("create", "-f", Path.Combine(sim.Directory, "gizmo.yaml"));
        Assert.True(gizmo.ExitCode == 0, gizmo.Stderr);
        var (code, stdout, stderr) = await Admin.RunAsync("get", "gz", "-n", "team-a");
        Assert.True(code == 0, stderr);
        Assert.Matches(@"(?m)^NAME\s+SIZE\s+AGE$", stdout);
        Assert.Matches(@"(?m)^g1\s+7\s+", stdout);
    }

    [Fact]
    public async Task Scale_logs_and_delete_work_through_their_subresources()
    {
        var deployment = sim.Server.Store.List("apps/v1", "Deployment", "team-a").Single()["metadata"]!["name"]!.GetValue<string>();
        var scale = await Admin.RunAsync("scale", "deployment/" + deployment, "-n", "team-a", "--replicas=5");
        Assert.True(scale.ExitCode == 0, scale.Stderr);
        Assert.Equal($"deployment.apps/{deployment} scaled", scale.Stdout.Trim());
        Assert.Equal(5, sim.Server.Store.Get("apps/v1", "Deployment", "team-a", deployment)!["spec"]!["replicas"]!.GetValue<int>());

        var pod = sim.Server.Store.List("v1", "Pod", "team-a")[0]["metadata"]!["name"]!.GetValue<string>();
        var logs = await Restricted.RunAsync("logs", pod, "--tail=2");
        Assert.True(logs.ExitCode == 0, logs.Stderr);
        Assert.Equal(2, logs.Stdout.Trim().Split('\n').Length);

        sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("team-a", "doomed"));
        var delete = await Admin.RunAsync("delete", "configmap", "doomed", "-n", "team-a");
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Null(sim.Server.Store.Get("v1", "ConfigMap", "team-a", "doomed"));
    }

    [Fact]
    public async Task Describe_pod_shows_its_events_through_event_field_selectors()
    {
        var started = sim.Server.Store.List("v1", "Event", "team-a").First(e => e["reason"]!.GetValue<string>() == "Scheduled");
        var pod = started["involvedObject"]!["name"]!.GetValue<string>();
        var (code, stdout, stderr) = await Restricted.RunAsync("describe", "pod", pod);
        Assert.True(code == 0, stderr);
        Assert.Matches(@"Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned team-a/" + pod, stdout);
        Assert.Matches(@"Normal\s+Started\s+", stdout);
    }

    [Fact]
    public async Task Impersonation_needs_the_impersonate_verb_and_then_acts_as_that_user()
    {
        var asRestricted = await Admin.RunAsync("get", "nodes", "--as=" + SimulatorFixture.Restricted);
        Assert.NotEqual(0, asRestricted.ExitCode);
        Assert.Contains($"User \"{SimulatorFixture.Restricted}\" cannot list resource \"nodes\"", asRestricted.Stderr);
        var pods = await Admin.RunAsync("get", "pods", "-n", "team-b", "--as=" + SimulatorFixture.Restricted);
        Assert.True(pods.ExitCode == 0, pods.Stderr);

        var escalate = await Restricted.RunAsync("get", "nodes", "--as=" + SimulatorFixture.Admin, "--as-group=system:masters");
        Assert.NotEqual(0, escalate.ExitCode);
        Assert.Contains("Error from server (Forbidden)", escalate.Stderr);

        using var http = RawApi.Create(sim.Server, sim.RestrictedToken);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nodes");
        request.Headers.Add("Impersonate-User", SimulatorFixture.Admin);
        var denied = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(
            $"users \"{SimulatorFixture.Admin}\" is forbidden: User \"{SimulatorFixture.Restricted}\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
            JsonNode.Parse(await denied.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task New_namespaces_get_a_default_service_account_and_the_root_ca()
    {
        var created = await Admin.RunAsync("create", "namespace", "fresh-ns");
        Assert.True(created.ExitCode == 0, created.Stderr);
        Assert.NotNull(sim.Server.Store.Get("v1", "ServiceAccount", "fresh-ns", "default"));
        var ca = sim.Server.Store.Get("v1", "ConfigMap", "fresh-ns", "kube-root-ca.crt")!;
        Assert.Equal(sim.Server.CaCertificatePem, ca["data"]!["ca.crt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kubectl_is_found_on_path()
    {
        var (code, stdout, _) = await Admin.RunAsync("version", "--client");
        Assert.Equal(0, code);
        Assert.Contains("Client Version", stdout);
        Assert.True(File.Exists(KubectlRunner.Executable));
    }
}
