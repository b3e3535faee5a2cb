using System.Xml.Linq;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>One &lt;Reference&gt; of an old-style .nfproj.</summary>
/// <param name="Include">The Include attribute as written, e.g. "mscorlib, Version=1.17.11.0, Culture=neutral, ...".</param>
/// <param name="AssemblyName">The simple assembly name (text before the first comma).</param>
/// <param name="Version">The Version= part of Include, or null.</param>
/// <param name="HintPath">The HintPath child, or null.</param>
public sealed record NfReference(string Include, string AssemblyName, string Version, string HintPath);

/// <summary>One &lt;package&gt; line of packages.config.</summary>
public sealed record NfPackage(string Id, string Version, string TargetFramework, bool DevelopmentDependency);

/// <summary>
/// Read-only view of an old-style nanoFramework project (.nfproj): what the compile check and the project-file tests need.
/// </summary>
public sealed class NfProject
{
    private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";

    private NfProject(string path, XDocument document)
    {
        FullPath = Path.GetFullPath(path);
        Directory = Path.GetDirectoryName(FullPath);
        Document = document;
        XElement root = document.Root ?? throw new InvalidDataException(path + " has no root element");

        Properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (XElement group in root.Elements(Ms + "PropertyGroup"))
        {
            foreach (XElement property in group.Elements())
            {
                Properties.TryAdd(property.Name.LocalName, property.Value.Trim());
            }
        }

        CompileIncludes = root.Elements(Ms + "ItemGroup").Elements(Ms + "Compile")
            .Select(e => (string)e.Attribute("Include")).Where(s => s != null).ToList();
        NoneIncludes = root.Elements(Ms + "ItemGroup").Elements(Ms + "None")
            .Select(e => (string)e.Attribute("Include")).Where(s => s != null).ToList();
        ProjectReferences = root.Elements(Ms + "ItemGroup").Elements(Ms + "ProjectReference")
            .Select(e => (string)e.Attribute("Include")).Where(s => s != null).ToList();
        References = root.Elements(Ms + "ItemGroup").Elements(Ms + "Reference").Select(ParseReference).ToList();
        Imports = root.Elements(Ms + "Import").Select(e => (string)e.Attribute("Project") ?? "").ToList();
    }

    /// <summary>Absolute path of the .nfproj.</summary>
    public string FullPath { get; }

    /// <summary>Absolute path of the folder holding the .nfproj.</summary>
    public string Directory { get; }

    /// <summary>The parsed XML.</summary>
    public XDocument Document { get; }

    /// <summary>First value of every property in any PropertyGroup.</summary>
    public Dictionary<string, string> Properties { get; }

    /// <summary>Compile Include values as written (backslash-separated, relative to the project folder).</summary>
    public IReadOnlyList<string> CompileIncludes { get; }

    /// <summary>None Include values.</summary>
    public IReadOnlyList<string> NoneIncludes { get; }

    /// <summary>ProjectReference Include values.</summary>
    public IReadOnlyList<string> ProjectReferences { get; }

    /// <summary>Assembly references (nanoFramework packages).</summary>
    public IReadOnlyList<NfReference> References { get; }

    /// <summary>Project attribute of every top-level Import, in document order.</summary>
    public IReadOnlyList<string> Imports { get; }

    /// <summary>AssemblyName property (falls back to the file name).</summary>
    public string AssemblyName => Properties.TryGetValue("AssemblyName", out string name) && name.Length > 0
        ? name
        : Path.GetFileNameWithoutExtension(FullPath);

    /// <summary>OutputType property (Library when absent).</summary>
    public string OutputType => Properties.TryGetValue("OutputType", out string type) && type.Length > 0 ? type : "Library";

    /// <summary>Repository-relative path of the .nfproj.</summary>
    public string RelativePath => RepoPaths.Relative(FullPath);

    /// <summary>Loads and parses an .nfproj.</summary>
    public static NfProject Load(string path) => new(path, XDocument.Load(path, LoadOptions.SetLineInfo));

    /// <summary>Absolute path of a ProjectReference (Include is relative to this project, backslash-separated).</summary>
    public string ResolveRelative(string include) =>
        Path.GetFullPath(Path.Combine(Directory, include.Replace('\\', Path.DirectorySeparatorChar)));

    /// <summary>The packages.config next to the project (empty list when missing).</summary>
    public IReadOnlyList<NfPackage> LoadPackagesConfig()
    {
        string path = Path.Combine(Directory, "packages.config");
        if (!File.Exists(path))
        {
            return Array.Empty<NfPackage>();
        }

        return XDocument.Load(path).Root?.Elements("package").Select(p => new NfPackage(
            (string)p.Attribute("id"),
            (string)p.Attribute("version"),
            (string)p.Attribute("targetFramework"),
            string.Equals((string)p.Attribute("developmentDependency"), "true", StringComparison.OrdinalIgnoreCase))).ToList()
            ?? new List<NfPackage>();
    }

    /// <summary>
    /// The Compile Include value Visual Studio writes for a source file of this project: path relative to the project
    /// folder with backslashes.
    /// </summary>
    public string CompileIncludeFor(string fullPath) =>
        Path.GetRelativePath(Directory, fullPath).Replace(Path.DirectorySeparatorChar, '\\');

    /// <summary>
    /// Sort order used for Compile items (the order tools/NanoRef/sync-nfproj.sh writes): ordinal, case-insensitive.
    /// </summary>
    public static int CompareIncludes(string a, string b) => string.CompareOrdinal(a.ToUpperInvariant(), b.ToUpperInvariant());

    private static NfReference ParseReference(XElement element)
    {
        string include = (string)element.Attribute("Include") ?? "";
        string[] parts = include.Split(',');
        string name = parts[0].Trim();
        string version = parts.Skip(1).Select(p => p.Trim())
            .Where(p => p.StartsWith("Version=", StringComparison.Ordinal))
            .Select(p => p.Substring("Version=".Length)).FirstOrDefault();
        string hint = element.Element(Ms + "HintPath")?.Value.Trim();
        return new NfReference(include, name, version, hint);
    }
}
