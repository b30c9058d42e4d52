using Kubelink.Protocol.Contract;

namespace Kubelink.Sidecar.Cli;

/// <summary><c>contract</c>: prints the protocol as JSON; the TypeScript side is generated from it and checked against it.</summary>
internal static class ContractVerb
{
    public static int Run(TextWriter output)
    {
        output.WriteLine(ContractDescriber.ToJson(ContractDescriber.Describe()));
        return 0;
    }
}
