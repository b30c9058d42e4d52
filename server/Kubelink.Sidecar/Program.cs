using Kubelink.Sidecar.Cli;

return await Verbs.RunAsync(args).ConfigureAwait(false);
