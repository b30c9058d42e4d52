using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// <c>clusteraccess create --context C</c> with a credential stored as a whole kubeconfig (a token file here): the listener
/// reads the stored file's current context, so the stored file must have C current, not whatever the source file had.
/// </summary>
public sealed class RegistrationContextTests
{
    [Fact]
    public void KubeconfigStoredWhole_HasTheChosenContextCurrent()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("token"), "file-token");
        var path = dir.Combine("config.yaml");
        var text = $$"""
            apiVersion: v1
            kind: Config
            current-context: first
            clusters:
            - name: one
              cluster: { server: https://one.example:6443 }
            - name: two
              cluster: { server: https://two.example:6443 }
            users:
            - name: u1
              user: { token: t1 }
            - name: u2
              user: { tokenFile: {{dir.Combine("token")}} }
            contexts:
            - name: first
              context: { cluster: one, user: u1 }
            - name: second
              context: { cluster: two, user: u2 }
            """;
        File.WriteAllText(path, text);

        var input = RegistrationInput.FromContext(KubeConnection.FromKubeconfig(path, text, "second"), text);

        Assert.NotNull(input.KubeconfigText);
        // What the listener does with the Secret's kubeconfig: no context named, so the current one.
        var stored = KubeConnection.FromKubeconfig("secret", input.KubeconfigText, null);
        Assert.Equal("second", stored.Context.Name);
        Assert.Equal("https://two.example:6443", stored.Cluster.Value.Server);
    }
}
