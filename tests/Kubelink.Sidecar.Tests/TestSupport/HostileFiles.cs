using System.Diagnostics;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>The hostile inputs of issue 11, built in the test: deep YAML, FIFOs, kubeconfigs pointing at devices.</summary>
public static class HostileFiles
{
    /// <summary>The kubeconfig that crashed the sidecar at every start: 200,000 '[' then 200,000 ']' (400 KB).</summary>
    public static string DeepFlowYaml => "apiVersion: v1\nkind: Config\nx: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

    /// <summary>A key that is an alias of the list holding it: hashing it recursed until the stack overflowed.</summary>
    public const string SelfKeyYaml = "apiVersion: v1\nkind: Config\n? &k [*k]\n: v\n";

    /// <summary>A named pipe nobody writes to: opening it for reading waits for a writer.</summary>
    public static string Fifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    /// <summary>A kubeconfig of one context, cluster and user; <paramref name="clusterLines"/> and <paramref name="userLines"/> are indented 4 spaces.</summary>
    public static string Kubeconfig(string contextName, string server = "https://127.0.0.1:6443", string clusterLines = "", string userLines = "    token: t\n") =>
        $"apiVersion: v1\nkind: Config\nclusters:\n- name: c-{contextName}\n  cluster:\n    server: {server}\n{clusterLines}" +
        $"users:\n- name: u-{contextName}\n  user:\n{userLines}contexts:\n- name: {contextName}\n  context:\n    cluster: c-{contextName}\n    user: u-{contextName}\n";

    /// <summary>A kubeconfig whose user and cluster name credential files (token, CA, client cert/key) at the given paths.</summary>
    public static string KubeconfigWithFiles(string contextName, string? tokenFile = null, string? ca = null, string? cert = null, string? key = null, string server = "https://127.0.0.1:6443")
    {
        var user = (tokenFile is null ? "" : $"    tokenFile: {tokenFile}\n") + (cert is null ? "" : $"    client-certificate: {cert}\n") + (key is null ? "" : $"    client-key: {key}\n");
        return Kubeconfig(contextName, server, ca is null ? "" : $"    certificate-authority: {ca}\n", user.Length == 0 ? "    token: t\n" : user);
    }

    /// <summary>User lines for an exec plugin <c>/bin/sh -c SCRIPT</c> whose processes carry <paramref name="processes"/>' marker.</summary>
    public static string ExecUser(MarkedProcesses processes, string script) =>
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh\n" +
        $"      args: ['-c', {Quote(script)}]\n      env: [{{name: {MarkedProcesses.Variable}, value: {processes.Marker}}}]\n      interactiveMode: Never\n";

    /// <summary>A YAML single-quoted scalar: no escapes but the doubled quote.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
