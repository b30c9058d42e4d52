using k8s;
using Kubelink.Simulator.Rbac;

namespace Kubelink.Simulator.Tests;

/// <summary>
/// A running simulator on a free port with a temp directory, an admin (client certificate, system:masters)
/// kubeconfig and a restricted (token, view in team-a and team-b) kubeconfig, as the CLI writes them.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string Admin = "test-admin";
    public const string Restricted = "test-restricted";

    public SimulatorFixture() : this(new SimulatorOptions()) { }

    /// <summary>For tests that need their own server with particular options (not as a class fixture).</summary>
    internal SimulatorFixture(SimulatorOptions options)
    {
        Directory = Path.Combine(Path.GetTempPath(), "kubelink-sim-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Server = new SimulatorServer(options);
    }

    public SimulatorServer Server { get; }

    /// <summary>A started fixture of its own, for tests that change server-wide state (faults, restarts).</summary>
    public static async Task<SimulatorFixture> StartAsync(SimulatorOptions? options = null)
    {
        var fixture = new SimulatorFixture(options ?? new SimulatorOptions { Namespaces = 0, Nodes = 1, PodsPerNamespace = 1 });
        await fixture.InitializeAsync();
        return fixture;
    }

    public string Directory { get; }

    public string AdminKubeconfig => Path.Combine(Directory, "admin.kubeconfig");

    public string RestrictedKubeconfig => Path.Combine(Directory, "restricted.kubeconfig");

    public string RestrictedToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        Server.AddCertificateUser(Admin, ["system:masters"]);
        RestrictedToken = Server.AddTokenUser(Restricted, ["kubelink:testers"]);
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            Server.Store.Create(BuiltInRoles.UserRoleBinding("restricted-view", ns, "view", Restricted));
        }
        Server.WriteKubeconfig(AdminKubeconfig, Admin, "sim-admin", "default");
        Server.WriteKubeconfig(RestrictedKubeconfig, Restricted, "sim-restricted", "team-a");
    }

    public Kubernetes AdminClient() => Client(AdminKubeconfig);

    public Kubernetes RestrictedClient() => Client(RestrictedKubeconfig);

    public static Kubernetes Client(string kubeconfig, TimeSpan? timeout = null)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
        if (timeout is not null)
        {
            config.HttpClientTimeout = timeout.Value;
        }
        return new Kubernetes(config);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}

/// <summary>Awaiting with a bound, so a broken expectation fails the test instead of hanging it.</summary>
public static class Await
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static async Task<T> Within<T>(Task<T> task, TimeSpan? timeout = null, string? what = null)
    {
        var winner = await Task.WhenAny(task, Task.Delay(timeout ?? Default));
        if (winner != task)
        {
            throw new TimeoutException($"Timed out waiting for {what ?? "the expected event"}.");
        }
        return await task;
    }

    public static async Task Within(Task task, TimeSpan? timeout = null, string? what = null)
    {
        var winner = await Task.WhenAny(task, Task.Delay(timeout ?? Default));
        if (winner != task)
        {
            throw new TimeoutException($"Timed out waiting for {what ?? "the expected event"}.");
        }
        await task;
    }

    /// <summary>Polls a condition that has no event to await (e.g. a watch registered on the server).</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
            await Task.Delay(20);
        }
    }
}
