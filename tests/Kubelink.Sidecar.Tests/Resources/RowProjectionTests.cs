using System.Text.Json;
using Kubelink.Protocol.Resources;
using Kubelink.Sidecar.Resources.Rows;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>The pure row projections, from JSON fixtures shaped like real API objects.</summary>
public sealed class RowProjectionTests
{
    private static ResourceRow Project(string group, string resource, string json) =>
        RowKinds.For(group, resource).Project(JsonDocument.Parse(json).RootElement);

    private static string Text(ResourceRow row, string key) => row.Columns![key].GetString()!;

    private static long Number(ResourceRow row, string key) => row.Columns![key].GetInt64();

    private const string RunningPod = """
        {"metadata":{"name":"web-1","namespace":"shop","uid":"u-1","creationTimestamp":"2026-01-02T03:04:05Z"},
         "spec":{"nodeName":"node-001","containers":[{"name":"app"},{"name":"proxy"}]},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],
           "containerStatuses":[
             {"name":"app","ready":true,"restartCount":2,"state":{"running":{}}},
             {"name":"proxy","ready":true,"restartCount":1,"state":{"running":{}}}]}}
        """;

    [Fact]
    public void Pod_Running_HasIdentityReadyRestartsAndNode()
    {
        var row = Project("", "pods", RunningPod);

        Assert.Equal("web-1", row.Name);
        Assert.Equal("shop", row.Namespace);
        Assert.Equal("u-1", row.Uid);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), row.CreatedAt);
        Assert.Equal("Running", Text(row, "phase"));
        Assert.Equal("2/2", Text(row, "ready"));
        Assert.Equal(3, Number(row, "restarts"));
        Assert.Equal("node-001", Text(row, "node"));
    }

    [Fact]
    public void Pod_WaitingContainer_ShowsItsReasonNotThePhase()
    {
        var row = Project("", "pods", """
            {"metadata":{"name":"p","namespace":"n","uid":"u"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","containerStatuses":[
               {"name":"a","ready":false,"restartCount":7,"state":{"waiting":{"reason":"CrashLoopBackOff"}}},
               {"name":"b","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """);

        Assert.Equal("CrashLoopBackOff", Text(row, "phase"));
        Assert.Equal("1/2", Text(row, "ready"));
        Assert.Equal(7, Number(row, "restarts"));
    }

    [Fact]
    public void Pod_BeingDeleted_IsTerminating()
    {
        var json = RunningPod.Replace("\"uid\":\"u-1\"", "\"uid\":\"u-1\",\"deletionTimestamp\":\"2026-01-02T03:05:00Z\"", StringComparison.Ordinal);

        Assert.Equal("Terminating", Text(Project("", "pods", json), "phase"));
    }

    [Theory]
    [InlineData("""{"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}""", "Init:1/2")]
    [InlineData("""{"name":"i1","restartCount":3,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}""", "Init:CrashLoopBackOff")]
    [InlineData("""{"name":"i1","state":{"terminated":{"exitCode":2}}}""", "Init:ExitCode:2")]
    [InlineData("""{"name":"i1","state":{"terminated":{"exitCode":137,"signal":9}}}""", "Init:Signal:9")]
    public void Pod_Initializing_ShowsTheInitContainerThatHoldsIt(string initStatuses, string expected)
    {
        var row = Project("", "pods", """
            {"metadata":{"name":"p","namespace":"n","uid":"u"},
             "spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending","initContainerStatuses":[STATUSES],
               "containerStatuses":[{"name":"a","ready":false,"state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """.Replace("STATUSES", initStatuses, StringComparison.Ordinal));

        Assert.Equal(expected, Text(row, "phase"));
        Assert.Equal("0/1", Text(row, "ready"));
    }

    [Fact]
    public void Pod_Completed_WithAContainerStillRunning_ReadsRunningOrNotReady()
    {
        const string Template = """
            {"metadata":{"name":"p","namespace":"n","uid":"u"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"READY"}],"containerStatuses":[
               {"name":"a","ready":true,"state":{"running":{}}},
               {"name":"b","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """;

        Assert.Equal("Running", Text(Project("", "pods", Template.Replace("READY", "True", StringComparison.Ordinal)), "phase"));
        Assert.Equal("NotReady", Text(Project("", "pods", Template.Replace("READY", "False", StringComparison.Ordinal)), "phase"));
    }

    [Fact]
    public void Pod_WithAPodLevelReason_ShowsIt()
    {
        var row = Project("", "pods", """{"metadata":{"name":"p","namespace":"n","uid":"u"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed","reason":"Evicted"}}""");

        Assert.Equal("Evicted", Text(row, "phase"));
    }

    [Fact]
    public void Deployment_ShowsReadyOfDesiredUpToDateAndAvailable()
    {
        var row = Project("apps", "deployments", """
            {"metadata":{"name":"web","namespace":"shop","uid":"u"},"spec":{"replicas":3},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """);

        Assert.Equal("2/3", Text(row, "ready"));
        Assert.Equal(3, Number(row, "upToDate"));
        Assert.Equal(2, Number(row, "available"));
    }

    [Fact]
    public void Deployment_WithoutStatusOrReplicas_DefaultsLikeTheApi()
    {
        var row = Project("apps", "deployments", """{"metadata":{"name":"web","namespace":"shop","uid":"u"},"spec":{}}""");

        Assert.Equal("0/1", Text(row, "ready"));
        Assert.Equal(0, Number(row, "upToDate"));
        Assert.Equal(0, Number(row, "available"));
    }

    [Fact]
    public void Service_ShowsTypeClusterIpAndPorts()
    {
        var row = Project("", "services", """
            {"metadata":{"name":"web","namespace":"shop","uid":"u"},
             "spec":{"type":"NodePort","clusterIP":"10.96.0.10","ports":[{"port":80,"protocol":"TCP"},{"port":443,"nodePort":30443,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}}
            """);

        Assert.Equal("NodePort", Text(row, "type"));
        Assert.Equal("10.96.0.10", Text(row, "clusterIP"));
        Assert.Equal("80/TCP,443:30443/TCP,53/UDP", Text(row, "ports"));
    }

    [Fact]
    public void Service_WithoutPortsOrIp_ShowsNone()
    {
        var row = Project("", "services", """{"metadata":{"name":"ext","namespace":"shop","uid":"u"},"spec":{"type":"ExternalName"}}""");

        Assert.Equal("ExternalName", Text(row, "type"));
        Assert.Equal("<none>", Text(row, "clusterIP"));
        Assert.Equal("<none>", Text(row, "ports"));
    }

    [Fact]
    public void Node_ShowsStatusRolesInstanceTypeZoneAndVersion()
    {
        var row = Project("", "nodes", """
            {"metadata":{"name":"node-000","uid":"u","labels":{
               "node-role.kubernetes.io/control-plane":"","node-role.kubernetes.io/worker":"true",
               "node.kubernetes.io/instance-type":"m5.large","topology.kubernetes.io/zone":"eu-west-1a"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"False"}],"nodeInfo":{"kubeletVersion":"v1.32.4"}}}
            """);

        Assert.Null(row.Namespace);
        Assert.Equal("NotReady,SchedulingDisabled", Text(row, "status"));
        Assert.Equal("control-plane,worker", Text(row, "roles"));
        Assert.Equal("m5.large", Text(row, "instanceType"));
        Assert.Equal("eu-west-1a", Text(row, "zone"));
        Assert.Equal("v1.32.4", Text(row, "kubeletVersion"));
    }

    [Fact]
    public void Node_WithoutConditionsOrLabels_IsUnknownWithNoRoles()
    {
        var row = Project("", "nodes", """{"metadata":{"name":"n","uid":"u"},"status":{}}""");

        Assert.Equal("Unknown", Text(row, "status"));
        Assert.Equal("<none>", Text(row, "roles"));
        Assert.Equal("", Text(row, "zone"));
    }

    [Fact]
    public void OtherKinds_GetNameNamespaceAndAgeOnly()
    {
        var row = Project("", "configmaps", """{"metadata":{"name":"cfg","namespace":"shop","uid":"u","creationTimestamp":"2026-01-02T03:04:05Z"},"data":{"a":"b"}}""");

        Assert.Equal("cfg", row.Name);
        Assert.Null(row.Columns);
        Assert.Equal(["name", "namespace", "createdAt"], RowKinds.For("", "configmaps").Columns(namespaced: true).Select(c => c.Key));
        Assert.Equal(["name", "createdAt"], RowKinds.For("", "persistentvolumes").Columns(namespaced: false).Select(c => c.Key));
    }

    [Fact]
    public void Columns_ListEveryKeyTheRowsCarry_InDisplayOrder()
    {
        Assert.Equal(["name", "namespace", "phase", "ready", "restarts", "node", "createdAt"], RowKinds.For("", "pods").Columns(true).Select(c => c.Key));
        Assert.Equal(["name", "status", "roles", "instanceType", "zone", "kubeletVersion", "createdAt"], RowKinds.For("", "nodes").Columns(false).Select(c => c.Key));
    }

    [Fact]
    public void MalformedObjects_ProjectWithoutThrowing()
    {
        var row = Project("", "pods", """{"metadata":{"name":5},"spec":{"containers":"nope"},"status":[]}""");

        Assert.Equal("", row.Name);
        Assert.Equal("Unknown", Text(row, "phase"));
        Assert.Equal("0/0", Text(row, "ready"));
    }
}
