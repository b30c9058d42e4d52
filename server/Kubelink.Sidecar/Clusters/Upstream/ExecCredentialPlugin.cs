using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Sidecar.IO;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// Runs an exec credential plugin (<c>client.authentication.k8s.io/v1</c> and <c>v1beta1</c>) and caches its token until
/// <c>expirationTimestamp</c> (minus a margin). A failing plugin is re-run with exponential back-off, never on every
/// refresh tick (Freelens #1571: a broken plugin was run every few seconds, forever). One run at a time, and a run is not
/// tied to the request that started it: a request that gives up (a 15 s API timeout) leaves the run to finish within its
/// own time limit for the next caller, instead of leaving an orphan and starting another. Disposing kills a running one.
/// </summary>
internal sealed class ExecCredentialPlugin(ExecConfig exec, string kubeconfigDirectory, ClusterConfig cluster, ExecutableLocator executables, TimeProvider time) : CredentialSource
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly object _gate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task<AuthenticationHeaderValue>? _run;
    private AuthenticationHeaderValue? _token;
    private DateTimeOffset? _expires;
    private Exception? _failure;
    private DateTimeOffset _retryAt;
    private int _failures;

    /// <summary>How many times the plugin has been started (for logs and tests).</summary>
    public int Runs { get; private set; }

    /// <summary>The plugin's command as the kubeconfig names it, for stage messages.</summary>
    public string Command => exec.Command ?? "";

    /// <summary>How long one run may take before it is killed (on the injected clock, so tests can move it).</summary>
    public TimeSpan TimeLimit => InputLimits.PluginTimeLimit;

    public override async ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken)
    {
        Task<AuthenticationHeaderValue> run;
        lock (_gate)
        {
            if (Fresh() is { } token)
            {
                return token;
            }

            if (_run is null)
            {
                if (_failure is not null && time.GetUtcNow() < _retryAt)
                {
                    throw _failure;
                }

                Runs++;
                _run = Task.Run(RunOnceAsync, CancellationToken.None);
            }

            run = _run;
        }

        return await run.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Invalidate() => _expires = DateTimeOffset.MinValue;

    public override DateTimeOffset? ExpiresAt => _expires;

    private AuthenticationHeaderValue? Fresh() =>
        _token is not null && (_expires is null || _expires.Value - ExpiryMargin > time.GetUtcNow()) ? _token : null;

    private async Task<AuthenticationHeaderValue> RunOnceAsync()
    {
        try
        {
            var (token, expires) = await RunAsync(_lifetime.Token).ConfigureAwait(false);
            lock (_gate)
            {
                (_token, _expires, _failure, _failures, _run) = (token, expires, null, 0, null);
            }

            return token;
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failures++;
                _retryAt = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, _failures - 1)));
                var message = e is OperationCanceledException ? $"The credential plugin '{exec.Command}' was stopped: the cluster was disconnected." : e.Message;
                _failure = RpcErrors.Create(ErrorCodes.CredentialPluginFailed, message);
                _run = null;
                throw _failure;
            }
        }
    }

    private async Task<(AuthenticationHeaderValue, DateTimeOffset?)> RunAsync(CancellationToken cancellationToken)
    {
        if (exec.InteractiveMode == "Always")
        {
            throw new InvalidOperationException($"The exec plugin '{exec.Command}' needs an interactive terminal (interactiveMode: Always). Run 'kubectl get ns' for this context in a terminal once, or change interactiveMode.");
        }

        var command = executables.Find(exec.Command!, kubeconfigDirectory)
            ?? throw new InvalidOperationException($"The exec plugin '{exec.Command}' is not on PATH ({executables.PathVariable}). Install it or set its full path in the kubeconfig.");
        var info = new ProcessStartInfo(command, exec.Args) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (name, value) in exec.Env)
        {
            info.Environment[name] = value;
        }

        info.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo();
        var output = await PluginRun.RunAsync(info, exec.Command!, TimeLimit, time, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
        {
            throw new InvalidOperationException($"The exec plugin '{exec.Command}' failed (exit code {output.ExitCode}): {PluginRun.Truncate(output.Stderr)}");
        }

        return Parse(output.Stdout);
    }

    private (AuthenticationHeaderValue, DateTimeOffset?) Parse(string json)
    {
        JsonNode? status;
        try
        {
            // Depth-bounded like every input (System.Text.Json's default, stated so it cannot drift): the output is the plugin's.
            status = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = InputLimits.MaxNestingDepth })?["status"];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The exec plugin '{exec.Command}' printed something that is not an ExecCredential: {e.Message}");
        }

        var token = status?["token"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The exec plugin '{exec.Command}' returned no token (client certificates from exec plugins are not supported yet).");
        var expires = status?["expirationTimestamp"]?.GetValue<string>() is { } stamp ? DateTimeOffset.Parse(stamp, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        return (new AuthenticationHeaderValue("Bearer", token), expires);
    }

    private string ExecInfo()
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (exec.ProvideClusterInfo)
        {
            spec["cluster"] = new JsonObject { ["server"] = cluster.Server, ["tls-server-name"] = cluster.TlsServerName, ["insecure-skip-tls-verify"] = cluster.InsecureSkipTlsVerify };
        }

        return new JsonObject { ["apiVersion"] = exec.ApiVersion ?? "client.authentication.k8s.io/v1", ["kind"] = "ExecCredential", ["spec"] = spec }.ToJsonString();
    }

    /// <summary>Ends a running plugin (its process tree is killed); the transport that owned it is gone.</summary>
    public override void Dispose() => _lifetime.Cancel();
}
