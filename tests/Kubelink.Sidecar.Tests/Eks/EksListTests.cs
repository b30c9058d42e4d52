using Kubelink.Protocol.Eks;
using Kubelink.Simulator.Aws;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary><c>eks/listClusters</c> against the simulated AWS with every way of giving credentials; the listing pages (one cluster per page).</summary>
public sealed class EksListTests
{
    [Fact]
    public async Task ListClusters_WithTheAdminProfile_ReturnsBothClustersAcrossPages()
    {
        await using var bed = await EksTestBed.StartAsync();

        var result = await bed.ListAsync(EksTestBed.Profile(AwsFiles.AdminProfile));

        AssertBoth(result, bed);
    }

    [Fact]
    public async Task ListClusters_WithTypedKeys_ReturnsBothClusters()
    {
        await using var bed = await EksTestBed.StartAsync();
        bed.Variables["AWS_ENDPOINT_URL"] = bed.Aws.Endpoint!.ToString();

        AssertBoth(await bed.ListAsync(bed.AdminKeys), bed);
    }

    [Fact]
    public async Task ListClusters_WithTheAssumeRoleProfile_ReturnsBothClusters()
    {
        await using var bed = await EksTestBed.StartAsync();

        AssertBoth(await bed.ListAsync(EksTestBed.Profile(AwsFiles.RestrictedProfile)), bed);
    }

    [Fact]
    public async Task ListClusters_WithTheDefaultChain_UsesTheEnvironmentKeysAndRegion()
    {
        await using var bed = await EksTestBed.StartAsync();
        bed.Variables["AWS_ACCESS_KEY_ID"] = bed.Aws.Identities.Admin.AccessKeyId;
        bed.Variables["AWS_SECRET_ACCESS_KEY"] = bed.Aws.Identities.Admin.SecretAccessKey;
        bed.Variables["AWS_REGION"] = AwsSimulator.Region;
        bed.Variables["AWS_ENDPOINT_URL_EKS"] = bed.Aws.Endpoint!.ToString();

        AssertBoth(await bed.ListAsync(new EksCredentials(), region: null), bed);
    }

    [Fact]
    public async Task ListClusters_WithTheDefaultChain_UsesAwsProfile()
    {
        await using var bed = await EksTestBed.StartAsync();
        bed.Variables["AWS_PROFILE"] = AwsFiles.AdminProfile;

        AssertBoth(await bed.ListAsync(new EksCredentials(), region: null), bed);
    }

    private static void AssertBoth(EksListClustersResult result, EksTestBed bed)
    {
        Assert.Equal([AwsSimulator.ClusterName, AwsSimulator.CreatingClusterName], result.Clusters.Select(c => c.Name));
        var active = result.Clusters[0];
        Assert.Equal("ACTIVE", active.Status);
        Assert.Equal(bed.Bed.Simulator.BaseAddress.ToString().TrimEnd('/'), active.Endpoint);
        Assert.Equal("1.32", active.Version);
        Assert.Equal($"arn:aws:eks:us-east-1:{AwsIdentities.Account}:cluster/{AwsSimulator.ClusterName}", active.Arn);
        Assert.NotNull(active.CreatedAt);
        Assert.Equal("CREATING", result.Clusters[1].Status);
        Assert.Null(result.Clusters[1].Endpoint);
    }
}
