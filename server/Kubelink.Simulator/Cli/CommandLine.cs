namespace Kubelink.Simulator.Cli;

/// <summary>Parsed arguments of the <c>simulator</c> verb.</summary>
internal sealed record CommandLine(SimulatorOptions Options, string KubeconfigDirectory)
{
    public const string Usage =
        "usage: simulator --port N --kubeconfig-dir DIR [--namespaces N] [--nodes N] [--pods-per-namespace N] " +
        "[--latency-ms N] [--state FILE] [--api-groups G --kinds-per-group C] [--admin-port N] [--aws]";

    /// <summary>Parses arguments; throws <see cref="FormatException"/> with a message for the user on bad input.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions { AdminPort = 0 };
        string? directory = null;
        var sawPort = false;
        // The verb itself may be passed along with its options.
        var first = args.Count > 0 && args[0] == "simulator" ? 1 : 0;
        for (var i = first; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--aws")
            {
                // A flag: the local AWS (EKS, STS, SSO) beside the API server.
                options.Aws = true;
                continue;
            }
            var value = i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            switch (name)
            {
                case "--port":
                    options.Port = Number(name, value, 0, 65535);
                    sawPort = true;
                    break;
                case "--kubeconfig-dir":
                    directory = value;
                    break;
                case "--namespaces":
                    options.Namespaces = Number(name, value);
                    break;
                case "--nodes":
                    options.Nodes = Number(name, value);
                    break;
                case "--pods-per-namespace":
                    options.PodsPerNamespace = Number(name, value);
                    break;
                case "--latency-ms":
                    options.Latency = TimeSpan.FromMilliseconds(Number(name, value));
                    break;
                case "--state":
                    options.StateFile = value;
                    break;
                case "--api-groups":
                    options.ApiGroups = Number(name, value);
                    break;
                case "--kinds-per-group":
                    options.KindsPerGroup = Number(name, value);
                    break;
                case "--admin-port":
                    options.AdminPort = Number(name, value, 0, 65535);
                    break;
                default:
                    throw new FormatException($"unknown option {name}");
            }
        }
        if (!sawPort || directory is null)
        {
            throw new FormatException("--port and --kubeconfig-dir are required");
        }
        if (options.ApiGroups > 0 && options.KindsPerGroup == 0)
        {
            options.KindsPerGroup = 1;
        }
        return new CommandLine(options, directory);
    }

    private static int Number(string name, string value, int min = 0, int max = 10_000_000) =>
        int.TryParse(value, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name} expects a number between {min} and {max}, got '{value}'");
}
