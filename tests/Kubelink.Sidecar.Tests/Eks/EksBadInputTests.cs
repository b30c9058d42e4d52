using Kubelink.Protocol;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator.Aws;
using Serilog;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// Bad input, each answered with a clear message carrying AWS's code (and request id where AWS gave one) or Kubelink's
/// own code, nothing crashing, and no secret in the log (scanned at the end of every case).
/// </summary>
public sealed class EksBadInputTests
{
    public enum Case
    {
        WrongSecret,
        UnknownKeyId,
        ExpiredSessionToken,
        NoSuchCluster,
        AccessDenied,
        RegionWithNoEndpoint,
        EndpointRefusing,
        ProfileMissing,
        CredentialProcessFails,
    }

    [Theory]
    [InlineData(Case.WrongSecret, ErrorCodes.AwsError, "InvalidSignatureException")]
    [InlineData(Case.UnknownKeyId, ErrorCodes.AwsError, "UnrecognizedClientException")]
    [InlineData(Case.ExpiredSessionToken, ErrorCodes.AwsError, "ExpiredTokenException")]
    [InlineData(Case.NoSuchCluster, ErrorCodes.AwsError, "ResourceNotFoundException: No cluster found for name: nope (request id ")]
    [InlineData(Case.AccessDenied, ErrorCodes.AwsError, "AccessDeniedException")]
    [InlineData(Case.RegionWithNoEndpoint, ErrorCodes.AwsUnreachable, "'moon-1' is not an AWS region")]
    [InlineData(Case.EndpointRefusing, ErrorCodes.AwsUnreachable, "could not be reached")]
    [InlineData(Case.ProfileMissing, ErrorCodes.AwsCredentialsMissing, "There is no AWS profile 'no-such-profile'")]
    [InlineData(Case.CredentialProcessFails, ErrorCodes.AwsCredentialsMissing, "could not give credentials")]
    public async Task BadInput_IsAClearErrorWithTheCode_AndNoSecretIsLogged(Case input, int code, string words)
    {
        var capture = new LogCapture();
        var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(capture).CreateLogger();
        await using var bed = await EksTestBed.StartAsync(logger: logger);
        var admin = bed.Aws.Identities.Admin;
        var expired = bed.Aws.Identities.IssueSession(AwsIdentities.RestrictedRoleArn, "old", TimeSpan.FromSeconds(-1));
        var keys = bed.AdminKeysWithEndpoint();
        var (credentials, region, name) = input switch
        {
            Case.WrongSecret => (keys with { SecretAccessKey = "wrong" + admin.SecretAccessKey }, AwsSimulator.Region, AwsSimulator.ClusterName),
            Case.UnknownKeyId => (keys with { AccessKeyId = "AKIAUNKNOWNUNKNOWN00" }, AwsSimulator.Region, AwsSimulator.ClusterName),
            Case.ExpiredSessionToken => (new EksCredentials { AccessKeyId = expired.AccessKeyId, SecretAccessKey = expired.SecretAccessKey, SessionToken = expired.SessionToken }, AwsSimulator.Region, AwsSimulator.ClusterName),
            Case.NoSuchCluster => (keys, AwsSimulator.Region, "nope"),
            Case.AccessDenied => (EksTestBed.Profile(AwsFiles.DeniedProfile), AwsSimulator.Region, AwsSimulator.ClusterName),
            Case.RegionWithNoEndpoint => (Without(bed, keys), "moon-1", AwsSimulator.ClusterName),
            Case.EndpointRefusing => (Refusing(bed, keys), AwsSimulator.Region, AwsSimulator.ClusterName),
            Case.ProfileMissing => (EksTestBed.Profile("no-such-profile"), AwsSimulator.Region, AwsSimulator.ClusterName),
            _ => (FailingProcess(bed), AwsSimulator.Region, AwsSimulator.ClusterName),
        };

        var error = await EksTestBed.FailureOfAsync(bed.ConnectAsync(credentials, name, region));
        var log = string.Join('\n', capture.Since(0).Select(e => e.RenderMessage() + e.Exception));

        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Contains(words.Split(':')[0], log, StringComparison.Ordinal);
        Assert.DoesNotContain(admin.SecretAccessKey, log, StringComparison.Ordinal);
        Assert.DoesNotContain(expired.SecretAccessKey, log, StringComparison.Ordinal);
        Assert.DoesNotContain(expired.SessionToken!, log, StringComparison.Ordinal);
        Assert.DoesNotContain(admin.SecretAccessKey, error.Message, StringComparison.Ordinal);
    }

    private static EksCredentials Without(EksTestBed bed, EksCredentials keys)
    {
        bed.Variables.TryRemove("AWS_ENDPOINT_URL", out _);
        return keys;
    }

    private static EksCredentials Refusing(EksTestBed bed, EksCredentials keys)
    {
        // A port that was just free: nothing listens there, so the connection is refused.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        bed.Variables["AWS_ENDPOINT_URL"] = $"http://127.0.0.1:{port}";
        return keys;
    }

    private static EksCredentials FailingProcess(EksTestBed bed)
    {
        bed.AddConfig("[profile broken-process]\nregion = us-east-1\ncredential_process = /bin/false");
        return EksTestBed.Profile("broken-process");
    }
}
