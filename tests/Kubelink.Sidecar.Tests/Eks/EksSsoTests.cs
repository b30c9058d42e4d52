using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator;
using Kubelink.Simulator.Aws;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// An SSO profile (<c>sso_session</c>) for real: AWSSDK.Core reads the SSO cache that <c>aws sso login</c> would have
/// written and buys the role's credentials from the simulator's <c>GetRoleCredentials</c>. The SDK reads the cache
/// under the user's home and its SSO endpoint from the process environment, so the sidecar runs as a child process
/// with its own HOME, AWS files and <c>AWS_ENDPOINT_URL_SSO</c>: the real <c>~/.aws</c> is never read or written.
/// </summary>
public sealed class EksSsoTests
{
    private const string Profile = "kubelink-sim-sso";
    private const string Session = "kubelink-sim";

    [Fact]
    public async Task AValidSsoCache_ListsAndConnects_AsTheRole()
    {
        await using var bed = await SsoBed.StartAsync(TimeSpan.FromHours(1));

        var list = await bed.RequestAsync(Methods.EksListClusters, new { credentials = new { profile = Profile }, region = AwsSimulator.Region });
        var entry = await bed.RequestAsync(Methods.EksConnect, new { credentials = new { profile = Profile }, region = AwsSimulator.Region, name = AwsSimulator.ClusterName });
        var info = await bed.RequestAsync(Methods.ClusterActivate, new { clusterId = entry.GetProperty("result").GetProperty("id").GetString(), accessibleNamespaces = new[] { "team-a" } });

        Assert.Equal([AwsSimulator.ClusterName, AwsSimulator.CreatingClusterName], list.GetProperty("result").GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("ready", info.GetProperty("result").GetProperty("status").GetString());
        Assert.False(info.GetProperty("result").GetProperty("isAdmin").GetBoolean()); // the SSO role maps to the restricted user
        bed.AssertNoSecretLogged();
    }

    [Fact]
    public async Task AnExpiredSsoCache_IsOneClearErrorNamingTheProfileAndTheLogin()
    {
        await using var bed = await SsoBed.StartAsync(TimeSpan.FromMinutes(-5));

        var answer = await bed.RequestAsync(Methods.EksListClusters, new { credentials = new { profile = Profile }, region = AwsSimulator.Region });

        var error = answer.GetProperty("error");
        Assert.Equal(ErrorCodes.AwsSsoLoginRequired, error.GetProperty("code").GetInt32());
        Assert.Equal($"The SSO session of AWS profile '{Profile}' has expired or was never started. Run 'aws sso login --profile {Profile}', then retry.", error.GetProperty("message").GetString());
        Assert.Equal(Profile, error.GetProperty("data").GetString());
        bed.AssertNoSecretLogged();
    }

    [Fact]
    public async Task NoSsoCacheAtAll_IsTheSameClearError()
    {
        await using var bed = await SsoBed.StartAsync(expiresIn: null);

        var answer = await bed.RequestAsync(Methods.EksListClusters, new { credentials = new { profile = Profile }, region = AwsSimulator.Region });

        Assert.Equal(ErrorCodes.AwsSsoLoginRequired, answer.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains($"aws sso login --profile {Profile}", answer.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnSsoSessionThatEndsWhileConnected_IsACredentialsHealthReport_NamingTheProfileAsAField()
    {
        await using var bed = await SsoBed.StartAsync(TimeSpan.FromHours(1));
        var entry = await bed.RequestAsync(Methods.EksConnect, new { credentials = new { profile = Profile }, region = AwsSimulator.Region, name = AwsSimulator.ClusterName });
        var id = entry.GetProperty("result").GetProperty("id").GetString();
        var info = await bed.RequestAsync(Methods.ClusterActivate, new { clusterId = id, accessibleNamespaces = new[] { "team-a" } });
        Assert.Equal("ready", info.GetProperty("result").GetProperty("status").GetString());

        // What happens when an SSO session ends: the portal refuses its token, and the role session bought with it is refused.
        bed.ExpireSsoLogin();
        var health = await bed.NextHealthAsync(id!, h => h.GetProperty("state").GetString() != "ready");

        Assert.Equal("credentials", health.GetProperty("cause").GetString());
        Assert.Equal(Profile, health.GetProperty("ssoProfile").GetString());
        Assert.Contains($"aws sso login --profile {Profile}", health.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Every source reads the connected clusters at a refresh (ClusterAccess objects among them): one whose
        // credentials fail is skipped, not an error of the refresh, and not an exception that stops the sidecar.
        var refresh = await bed.RequestAsync(Methods.CatalogRefresh, new { });
        Assert.False(refresh.TryGetProperty("error", out var refreshError), $"catalog/refresh: {refreshError}");
        Assert.Contains(refresh.GetProperty("result").GetProperty("clusters").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        bed.AssertNoSecretLogged();
    }

    /// <summary>The simulator in-process, the sidecar as a child with a private HOME holding the AWS files and (maybe) the SSO cache.</summary>
    private sealed class SsoBed : IAsyncDisposable
    {
        private readonly SimulatorServer _simulator;
        private readonly TempDir _dir;
        private readonly SidecarProcess _sidecar;
        private readonly string? _accessToken;

        private SsoBed(SimulatorServer simulator, TempDir dir, SidecarProcess sidecar, string? accessToken)
        {
            _simulator = simulator;
            _dir = dir;
            _sidecar = sidecar;
            _accessToken = accessToken;
        }

        /// <param name="expiresIn">When the cached SSO access token expires (negative: already expired); null writes no cache.</param>
        public static async Task<SsoBed> StartAsync(TimeSpan? expiresIn)
        {
            var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 1, Nodes = 1, PodsPerNamespace = 1, Aws = true });
            await simulator.StartAsync();
            simulator.Store.Create(ClusterTestBed.ViewBinding("team-a", "kubelink-restricted"));
            var aws = simulator.Aws!;
            var dir = new TempDir();
            var home = Directory.CreateDirectory(dir.Combine("home")).FullName;
            var (credentials, config) = AwsFiles.Write(dir.Combine("aws"), aws);
            var endpoint = aws.Endpoint!.ToString().TrimEnd('/');
            await File.AppendAllTextAsync(config,
                $"\n[profile {Profile}]\nsso_session = {Session}\nsso_account_id = {AwsIdentities.Account}\nsso_role_name = {AwsIdentities.RestrictedRoleArn.Split('/')[^1]}\n" +
                $"region = {AwsSimulator.Region}\nendpoint_url = {endpoint}\n\n[sso-session {Session}]\nsso_start_url = https://kubelink-sim.awsapps.com/start\nsso_region = {AwsSimulator.Region}\n" +
                "sso_registration_scopes = sso:account:access\n");
            string? token = null;
            if (expiresIn is { } lifetime)
            {
                token = aws.Identities.AddSsoToken();
                WriteSsoCache(home, token, DateTimeOffset.UtcNow + lifetime);
            }

            var sidecar = SidecarProcess.Start(dir.Combine("state"), new Dictionary<string, string>
            {
                ["HOME"] = home,
                ["AWS_CONFIG_FILE"] = config,
                ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
                // The SDK builds its SSO client from sso_region alone; the variable is how any SDK is pointed elsewhere.
                ["AWS_ENDPOINT_URL_SSO"] = endpoint,
                ["KUBECONFIG"] = Path.Combine(home, "no-kubeconfig"),
            });
            var bed = new SsoBed(simulator, dir, sidecar, token);
            var init = await bed.RequestAsync(Methods.Initialize, new { clientName = "sso-test", clientVersion = "1", protocolVersion = ProtocolInfo.Version });
            Assert.False(init.TryGetProperty("error", out var error), $"initialize: {error}");
            return bed;
        }

        public Task<JsonElement> RequestAsync(string method, object parameters) =>
            Wait.For(_sidecar.RequestAsync(method, JsonSerializer.Serialize(parameters)), method, TimeSpan.FromSeconds(90));

        /// <summary>The SSO session ends on AWS's side (the portal refuses its access token) and the role sessions bought with it are revoked.</summary>
        public void ExpireSsoLogin()
        {
            Assert.True(_simulator.Aws!.Identities.EndSsoToken(_accessToken!), "the SSO token was not known");
            Assert.True(_simulator.Aws!.Identities.RevokeSessions(AwsIdentities.RestrictedRoleArn) > 0, "no role session was issued");
        }

        /// <summary>The first <c>cluster/health</c> notification for <paramref name="clusterId"/> that <paramref name="matches"/>, as the extension reads it.</summary>
        public async Task<JsonElement> NextHealthAsync(string clusterId, Func<JsonElement, bool> matches)
        {
            try
            {
                return await Wait.For(NextHealthCoreAsync(clusterId, matches), "a matching cluster/health notification", TimeSpan.FromSeconds(90));
            }
            catch (Exception e) when (e is TimeoutException or System.Threading.Channels.ChannelClosedException)
            {
                // No answer, or the sidecar's output ended: what it logged says which and why.
                throw new TimeoutException($"{e.Message} The sidecar's log ends: {_sidecar.Stderr[Math.Max(0, _sidecar.Stderr.Length - 30000)..]}", e);
            }
        }

        private async Task<JsonElement> NextHealthCoreAsync(string clusterId, Func<JsonElement, bool> matches)
        {
            foreach (var earlier in _sidecar.Notifications)
            {
                if (IsHealth(earlier, clusterId, out var p) && matches(p))
                {
                    return p;
                }
            }

            while (true)
            {
                var frame = await _sidecar.ReadFrameAsync();
                if (IsHealth(frame, clusterId, out var p) && matches(p))
                {
                    return p;
                }
            }
        }

        private static bool IsHealth(JsonElement frame, string clusterId, out JsonElement parameters)
        {
            parameters = default;
            return frame.TryGetProperty("method", out var method) && method.GetString() == Methods.ClusterHealthChanged
                && frame.TryGetProperty("params", out parameters) && parameters.GetProperty("clusterId").GetString() == clusterId;
        }

        /// <summary>Neither the SSO access token nor any secret the simulator issued is in the sidecar's log (stderr and file).</summary>
        public void AssertNoSecretLogged()
        {
            var logs = _sidecar.Stderr + string.Concat(Directory.EnumerateFiles(_dir.Combine("state"), "*.log", SearchOption.AllDirectories).Select(ReadShared));
            Assert.Contains("kubelink", logs, StringComparison.OrdinalIgnoreCase); // the log was read at all
            if (_accessToken is not null)
            {
                Assert.DoesNotContain(_accessToken, logs, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(_simulator.Aws!.Identities.Admin.SecretAccessKey, logs, StringComparison.Ordinal);
            Assert.DoesNotContain("aws_secret_access_key", logs, StringComparison.OrdinalIgnoreCase);
        }

        private static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        // What 'aws sso login' writes for an sso-session: ~/.aws/sso/cache/{sha1(session name)}.json.
        private static void WriteSsoCache(string home, string token, DateTimeOffset expires)
        {
            var cache = Directory.CreateDirectory(Path.Combine(home, ".aws", "sso", "cache")).FullName;
            var name = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(Session))).ToLowerInvariant();
            var json = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["startUrl"] = "https://kubelink-sim.awsapps.com/start",
                ["region"] = AwsSimulator.Region,
                ["accessToken"] = token,
                ["expiresAt"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            });
            File.WriteAllText(Path.Combine(cache, name + ".json"), json);
        }

        public async ValueTask DisposeAsync()
        {
            _sidecar.Dispose();
            await _simulator.DisposeAsync();
            _dir.Dispose();
        }
    }
}
