namespace Kubelink.Simulator.Tests.Storage;

/// <summary>
/// With <see cref="SimulatorOptions.AutoSaveDelay"/> the state file follows changes, so a process killed without a clean
/// stop (here: a server never disposed) comes back with its objects, its CA and its users.
/// </summary>
public sealed class AutoSaveTests
{
    [Fact]
    public async Task AutoSave_WithoutCleanStop_ObjectsCaAndUsersComeBack()
    {
        var dir = Directory.CreateTempSubdirectory("kubelink-autosave-").FullName;
        var file = Path.Combine(dir, "state.json");
        try
        {
            var options = new SimulatorOptions { StateFile = file, AutoSaveDelay = TimeSpan.FromMilliseconds(20), Namespaces = 0, Nodes = 0, PodsPerNamespace = 0 };
            var crashed = new SimulatorServer(options); // never disposed: nothing runs at "exit"
            crashed.AddCertificateUser("admin", ["system:masters"]);
            crashed.Store.Create(Client.KubernetesClientContractTests.ConfigMap("default", "kept"));
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!File.Exists(file) || !File.ReadAllText(file).Contains("\"kept\"", StringComparison.Ordinal))
            {
                await Task.Delay(20, bound.Token); // the file raises no event; bounded
            }

            await using var back = new SimulatorServer(options);
            Assert.NotNull(back.Store.Get("v1", "ConfigMap", "default", "kept"));
            Assert.Equal(crashed.CaCertificatePem, back.CaCertificatePem);
            Assert.True(back.HasUser("admin"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
