using Kubelink.Simulator.Http;
using Kubelink.Simulator.Http.Protobuf;

namespace Kubelink.Simulator.Tests.Http;

public sealed class ProtobufDecoderTests
{
    // The body kubectl 1.32 sends for `kubectl auth can-i get pods/log -n team-a` (pods/log is TYPE/NAME there).
    private const string SelfSubjectAccessReview =
        "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f763112175365" +
        "6c665375626a6563744163636573735265766965771" + "23e0a100a0012001a0022002a0032003800420012200a1e0a067465616d2d61120367657" +
        "41a0022002a04706f647332003a036c6f671a080800120" + "01a002000" + "1a002200";

    [Fact]
    public void Decodes_a_captured_access_review_into_its_json_shape()
    {
        var review = ProtobufDecoder.Decode(Convert.FromHexString(SelfSubjectAccessReview));
        Assert.Equal("authorization.k8s.io/v1", review["apiVersion"]!.GetValue<string>());
        Assert.Equal("SelfSubjectAccessReview", review["kind"]!.GetValue<string>());
        var attributes = review["spec"]!["resourceAttributes"]!;
        Assert.Equal("team-a", attributes["namespace"]!.GetValue<string>());
        Assert.Equal("get", attributes["verb"]!.GetValue<string>());
        Assert.Equal("pods", attributes["resource"]!.GetValue<string>());
        Assert.Equal("log", attributes["name"]!.GetValue<string>());
        Assert.Null(attributes["group"]);
    }

    [Fact]
    public void Unknown_kinds_and_garbage_are_rejected_with_api_errors()
    {
        Assert.Equal(400, Assert.Throws<ApiException>(() => ProtobufDecoder.Decode(new byte[] { 1, 2, 3 })).Code);
        // k8s\0 + Unknown{typeMeta{apiVersion "v1", kind "Pod"}}: a kind the simulator does not decode.
        var pod = Convert.FromHexString("6b387300" + "0a09" + "0a027631" + "1203506f64");
        Assert.Equal(415, Assert.Throws<ApiException>(() => ProtobufDecoder.Decode(pod)).Code);
    }
}
