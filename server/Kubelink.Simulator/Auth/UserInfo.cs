namespace Kubelink.Simulator.Auth;

/// <summary>An authenticated identity as the API server sees it.</summary>
/// <param name="Name">User name.</param>
/// <param name="Groups">Groups, including <c>system:authenticated</c>.</param>
internal sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>The group whose members bypass authorization.</summary>
    public const string MastersGroup = "system:masters";

    /// <summary>The group every authenticated user belongs to.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    /// <summary>Whether the user is a member of <c>system:masters</c>.</summary>
    public bool IsMaster => Groups.Contains(MastersGroup);

    /// <summary>Builds a user with <c>system:authenticated</c> appended once.</summary>
    public static UserInfo Of(string name, IEnumerable<string> groups)
    {
        var list = groups.Where(g => g != AuthenticatedGroup).Distinct().ToList();
        list.Add(AuthenticatedGroup);
        return new UserInfo(name, list);
    }
}
