using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kubelink.Protocol.Contract;

/// <summary>Reads the compiler's XML documentation file so the generated TypeScript carries the same doc comments.</summary>
internal sealed partial class XmlDocs
{
    private readonly Dictionary<string, string> _summaries = new(StringComparer.Ordinal);

    public XmlDocs(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
        {
            return; // Docs are a nicety; the contract's shapes do not depend on them.
        }

        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                _summaries[name] = Flatten(summary);
            }
        }
    }

    public string? Type(Type type) => Get("T:" + type.FullName);

    public string? Member(MemberInfo member)
    {
        var prefix = member switch
        {
            PropertyInfo => "P:",
            FieldInfo => "F:",
            _ => "M:",
        };
        return Get(prefix + member.DeclaringType!.FullName + "." + member.Name);
    }

    private string? Get(string id) => _summaries.TryGetValue(id, out var text) ? text : null;

    private static string Flatten(XElement summary)
    {
        foreach (var see in summary.Descendants().Where(e => e.Name == "see" || e.Name == "paramref").ToList())
        {
            var target = see.Attribute("cref")?.Value ?? see.Attribute("name")?.Value ?? see.Attribute("langword")?.Value ?? "";
            see.ReplaceWith("`" + target[(target.LastIndexOf('.') + 1)..] + "`");
        }

        foreach (var code in summary.Descendants("c").ToList())
        {
            code.ReplaceWith("`" + code.Value + "`");
        }

        foreach (var item in summary.Descendants("item").ToList())
        {
            item.ReplaceWith("\n- " + item.Value.Trim());
        }

        var lines = summary.Value.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0);
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
