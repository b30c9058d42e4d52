using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Discovery.OpenApi;
using Kubelink.Simulator.Rbac;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator;

/// <summary>Everything a request needs, shared by successive listeners of one server (restarts keep it).</summary>
internal sealed class SimulatorCore
{
    public SimulatorCore(SimulatorOptions options, CertificateAuthority ca)
    {
        Options = options;
        Ca = ca;
        Registry = new ResourceRegistry();
        Registry.Register(BuiltInResources.Create());
        Registry.Register(options.CustomKinds);
        Store = new ObjectStore(Math.Max(1, options.WatchHistoryLimit), Registry.StorageType);
        Crds = new CrdController(Registry, Store);
        _ = new NamespaceDefaults(Registry, Store, ca.CertificatePem);
        Rbac = new RbacCache(Store);
        Authorizer = new RbacAuthorizer(Rbac);
        Reviews = new AccessReviews(Authorizer);
        Users = new UserDirectory();
        Authenticator = new Authenticator(Users, ca);
        Discovery = new DiscoveryDocuments(Registry);
        OpenApi = new OpenApiDocuments(Registry, options.GitVersion);
    }

    public SimulatorOptions Options { get; }

    public CertificateAuthority Ca { get; set; }

    public ResourceRegistry Registry { get; }

    public ObjectStore Store { get; }

    public CrdController Crds { get; }

    public RbacCache Rbac { get; }

    public RbacAuthorizer Authorizer { get; }

    public AccessReviews Reviews { get; }

    public UserDirectory Users { get; }

    public Authenticator Authenticator { get; set; }

    public DiscoveryDocuments Discovery { get; }

    public OpenApiDocuments OpenApi { get; }

    public SimulatorFaults? Faults { get; set; }

    /// <summary>Saves the state file after changes; null without <see cref="SimulatorOptions.StateFile"/>.</summary>
    public StatePersister? Persister { get; set; }

    /// <summary>Ends open watches whose owner lost the access that opened them (after an RBAC change).</summary>
    public void ReevaluateWatches() =>
        Store.EndWatches(w => w.Owner is Http.WatchOwner owner && !Authorizer.Authorize(owner.User, owner.Access).Allowed);
}
