using Kubelink.Simulator.Aws;

namespace Kubelink.Simulator.Tests.Aws;

/// <summary>One simulator with its local AWS (pages of one cluster, so every listing pages) and its profile files.</summary>
public sealed class AwsSimulatorFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "kubelink-sim-tests", "aws-" + Guid.NewGuid().ToString("N"));

    public SimulatorServer Server { get; } = new(new SimulatorOptions { Aws = true, AwsPageSize = 1, Namespaces = 1, Nodes = 1, PodsPerNamespace = 1 });

    public AwsSimulator Aws => Server.Aws!;

    public AwsCli Cli => new(Directory);

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        AwsFiles.Write(Directory, Aws);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
