using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Auth;

/// <summary>A credential minted for a user: either a bearer token or a client certificate and key.</summary>
internal sealed record Credential(string User, IReadOnlyList<string> Groups, string? Token, string? CertificatePem, string? KeyPem);

/// <summary>
/// Who may call the simulator: bearer tokens and the users client certificates name, with the fault hook
/// that expires a user's credentials. Thread-safe; read on every request.
/// </summary>
internal sealed class UserDirectory
{
    private readonly ConcurrentDictionary<string, Credential> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Credential> _latestByUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _expiredUsers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _expiredTokens = new(StringComparer.Ordinal);

    public string AddToken(string user, IEnumerable<string> groups)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var credential = new Credential(user, groups.ToList(), token, null, null);
        _tokens[token] = credential;
        _latestByUser[user] = credential;
        _expiredUsers.TryRemove(user, out _);
        return token;
    }

    public void RememberCertificate(string user, IEnumerable<string> groups, string certificatePem, string keyPem)
    {
        _latestByUser[user] = new Credential(user, groups.ToList(), null, certificatePem, keyPem);
        _expiredUsers.TryRemove(user, out _);
    }

    /// <summary>The most recently minted credential of a user (what a kubeconfig for that user carries).</summary>
    public Credential? Latest(string user) => _latestByUser.GetValueOrDefault(user);

    public UserInfo? ByToken(string token) =>
        _tokens.TryGetValue(token, out var credential) && !_expiredTokens.ContainsKey(token) && !_expiredUsers.ContainsKey(credential.User)
            ? UserInfo.Of(credential.User, credential.Groups)
            : null;

    /// <summary>Identity from a client certificate already validated against the CA.</summary>
    public UserInfo? ByCertificate(X509Certificate2 certificate)
    {
        var user = certificate.GetNameInfo(X509NameType.SimpleName, false);
        if (string.IsNullOrEmpty(user) || _expiredUsers.ContainsKey(user))
        {
            return null;
        }
        var groups = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.GetSingleElementType().Value == "2.5.4.10" && rdn.GetSingleElementValue() is { } group)
            {
                groups.Add(group);
            }
        }
        return UserInfo.Of(user, groups);
    }

    /// <summary>Every token and certificate of the user now fails authentication (401).</summary>
    public void ExpireUser(string user) => _expiredUsers[user] = 0;

    public void ExpireToken(string token) => _expiredTokens[token] = 0;

    public void RestoreUser(string user) => _expiredUsers.TryRemove(user, out _);

    public JsonArray ToJson()
    {
        var array = new JsonArray();
        var latest = _latestByUser.Values.ToHashSet();
        foreach (var credential in _tokens.Values.Concat(_latestByUser.Values.Where(c => c.Token is null)).Distinct())
        {
            array.Add(new JsonObject
            {
                ["user"] = credential.User,
                ["groups"] = new JsonArray(credential.Groups.Select(g => (JsonNode?)g).ToArray()),
                ["token"] = credential.Token,
                ["certificate"] = credential.CertificatePem,
                ["key"] = credential.KeyPem,
                ["latest"] = latest.Contains(credential),
                ["expired"] = _expiredUsers.ContainsKey(credential.User),
            });
        }
        return array;
    }

    public void Load(JsonArray saved)
    {
        foreach (var node in saved.OfType<JsonObject>())
        {
            var credential = new Credential(
                node["user"]!.ToString(),
                node["groups"]!.AsArray().Select(g => g!.ToString()).ToList(),
                node["token"]?.ToString(),
                node["certificate"]?.ToString(),
                node["key"]?.ToString());
            if (credential.Token is not null)
            {
                _tokens[credential.Token] = credential;
            }
            if (node["latest"]?.GetValue<bool>() == true || !_latestByUser.ContainsKey(credential.User))
            {
                _latestByUser[credential.User] = credential;
            }
            if (node["expired"]?.GetValue<bool>() == true)
            {
                _expiredUsers[credential.User] = 0;
            }
        }
    }
}
