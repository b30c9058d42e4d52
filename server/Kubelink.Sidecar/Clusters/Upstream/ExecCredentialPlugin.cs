using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Protocol;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// Runs an exec credential plugin (<c>client.authentication.k8s.io/v1</c> and <c>v1beta1</c>) and caches its token until
/// <c>expirationTimestamp</c> (minus a margin). Calls are single-flight. A failing plugin is re-run with exponential
/// back-off, never on every refresh tick (Freelens #1571: a broken plugin was run every few seconds, forever).
/// </summary>
internal sealed class ExecCredentialPlugin(ExecConfig exec, string kubeconfigDirectory, ClusterConfig cluster, ExecutableLocator executables, TimeProvider time) : CredentialSource
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuthenticationHeaderValue? _token;
    private DateTimeOffset? _expires;
    private Exception? _failure;
    private DateTimeOffset _retryAt;
    private int _failures;

    /// <summary>How many times the plugin has been started (for logs and tests).</summary>
    public int Runs { get; private set; }

    public override async ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            if (_failure is not null && time.GetUtcNow() < _retryAt)
            {
                throw _failure;
            }

            try
            {
                (_token, _expires) = await RunAsync(cancellationToken).ConfigureAwait(false);
                _failure = null;
                _failures = 0;
                return _token;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, _failures - 1)));
                _retryAt = time.GetUtcNow() + delay;
                _failure = RpcErrors.Create(ErrorCodes.CredentialPluginFailed, e.Message);
                throw _failure;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Invalidate() => _expires = DateTimeOffset.MinValue;

    public override DateTimeOffset? ExpiresAt => _expires;

    private AuthenticationHeaderValue? Fresh() =>
        _token is not null && (_expires is null || _expires.Value - ExpiryMargin > time.GetUtcNow()) ? _token : null;

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
        Runs++;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The exec plugin '{exec.Command}' did not answer within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            var error = (await stderr.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException($"The exec plugin '{exec.Command}' failed (exit code {process.ExitCode}): {Truncate(error)}");
        }

        return Parse(await stdout.ConfigureAwait(false));
    }

    private (AuthenticationHeaderValue, DateTimeOffset?) Parse(string json)
    {
        JsonNode? status;
        try
        {
            status = JsonNode.Parse(json)?["status"];
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

    private static string Truncate(string text) => text.Length > 500 ? text[..500] + "…" : text;

    public override void Dispose() => _gate.Dispose();
}
