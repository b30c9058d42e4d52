using Kubelink.Bench;

// scripts/bench [--quick] [--rounds N] [--only B3,B6]: every benchmark beside its baseline, in one run, medians and ratios.
if (args is ["--kernel-probe", var probeHost, var probePort])
{
    // B4's kernel probe, started by the bench itself inside a network namespace (B4BelowTcp).
    Kubelink.Bench.B4BelowTcp.Probe(probeHost, int.Parse(probePort, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

var options = Options.Parse(args);
var report = new Report();
if (options.Runs("B1"))
{
    await B1Activation.RunAsync(options, report);
}

if (options.Runs("B2"))
{
    await B2Proxy.RunAsync(options, report);
}

if (options.Runs("B3"))
{
    await B3KubeconfigSync.RunAsync(options, report);
}

if (options.Runs("B4"))
{
    await B4Health.RunAsync(options, report);
}

if (options.Runs("B5"))
{
    await B5GraphQL.RunAsync(options, report);
}

if (options.Runs("B6"))
{
    await B6SidecarStart.RunAsync(options, report);
}

if (options.Runs("B7"))
{
    await B7Eks.RunAsync(options, report);
}

if (options.Runs("B8"))
{
    await B8SimulatedClusters.RunAsync(options, report);
}

report.Print(Console.Out, options.JsonPath);
return 0;
