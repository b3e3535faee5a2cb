using System.Text;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>A throw-away nanoFramework project in a temporary folder (for tests of the check itself).</summary>
public sealed class TempProject : IDisposable
{
    private TempProject(string directory, string nfprojPath)
    {
        Directory = directory;
        NfprojPath = nfprojPath;
    }

    /// <summary>The project folder.</summary>
    public string Directory { get; }

    /// <summary>Absolute path of the generated .nfproj.</summary>
    public string NfprojPath { get; }

    /// <summary>
    /// Writes an .nfproj named <paramref name="assemblyName"/> that references the given assemblies (versions and
    /// packages taken from the NanoRef manifests when known) and lists the given files, plus the files themselves.
    /// </summary>
    public static TempProject Create(string assemblyName, IEnumerable<string> references, params (string RelativePath, string Text)[] files)
    {
        string dir = Path.Combine(Path.GetTempPath(), "nanoprov-nfproj-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.Append("<Project ToolsVersion=\"15.0\" DefaultTargets=\"Build\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\n");
        xml.Append("  <PropertyGroup>\n    <OutputType>Library</OutputType>\n    <AssemblyName>").Append(assemblyName)
            .Append("</AssemblyName>\n    <TargetFrameworkVersion>v1.0</TargetFrameworkVersion>\n  </PropertyGroup>\n");
        xml.Append("  <ItemGroup>\n");
        foreach ((string rel, string text) in files)
        {
            string full = Path.Combine(dir, rel.Replace('\\', Path.DirectorySeparatorChar));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full));
            File.WriteAllText(full, text);
            xml.Append("    <Compile Include=\"").Append(rel.Replace('/', '\\')).Append("\" />\n");
        }

        xml.Append("  </ItemGroup>\n  <ItemGroup>\n");
        foreach (string name in references)
        {
            NanoRefAssembly stub = NanoCompiler.NanoRef.Find(name);
            string version = stub?.Version ?? "1.0.0.0";
            string package = stub?.Package ?? name;
            string packageVersion = stub?.PackageVersion ?? "1.0.0";
            xml.Append("    <Reference Include=\"").Append(name).Append(", Version=").Append(version)
                .Append(", Culture=neutral, PublicKeyToken=c07d481e9758c731\">\n      <HintPath>packages\\")
                .Append(package).Append('.').Append(packageVersion).Append("\\lib\\").Append(name).Append(".dll</HintPath>\n    </Reference>\n");
        }

        xml.Append("  </ItemGroup>\n</Project>\n");
        string nfproj = Path.Combine(dir, assemblyName + ".nfproj");
        File.WriteAllText(nfproj, xml.ToString());
        return new TempProject(dir, nfproj);
    }

    /// <summary>Deletes the folder.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
