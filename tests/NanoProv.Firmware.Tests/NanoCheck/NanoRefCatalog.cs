using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>Manifest (assembly.json) of one NanoRef stub assembly plus the result of compiling it.</summary>
public sealed class NanoRefAssembly
{
    /// <summary>Real nanoFramework assembly name, e.g. "mscorlib" or "nanoFramework.System.Text".</summary>
    public string Name { get; init; }

    /// <summary>Assembly version the stub is emitted with (package version + ".0").</summary>
    public string Version { get; init; }

    /// <summary>NuGet package that ships the real assembly.</summary>
    public string Package { get; init; }

    /// <summary>Package version pinned by nanoframework.md section 12.</summary>
    public string PackageVersion { get; init; }

    /// <summary>Names of the NanoRef assemblies this one references.</summary>
    public IReadOnlyList<string> Dependencies { get; init; }

    /// <summary>Absolute path of the stub folder.</summary>
    public string Folder { get; init; }

    /// <summary>Absolute paths of the stub sources.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; }

    /// <summary>Reference to the emitted stub image, or null when it failed to compile.</summary>
    public MetadataReference Reference { get; internal set; }

    /// <summary>Compiler diagnostics of the stub compilation (errors and warnings).</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; internal set; } = ImmutableArray<Diagnostic>.Empty;

    /// <summary>Errors that kept this stub from being built (compiler errors or failed dependencies).</summary>
    public IReadOnlyList<string> Errors { get; internal set; } = Array.Empty<string>();
}

/// <summary>
/// tools/NanoRef: one folder per real nanoFramework assembly, each with an assembly.json manifest and signature-only
/// C# stubs. The catalog compiles them in dependency order with Roslyn, mscorlib first with no references at all,
/// every stub emitted under its real assembly name and version.
/// </summary>
public sealed class NanoRefCatalog
{
    private readonly Dictionary<string, NanoRefAssembly> _byName;

    private NanoRefCatalog(List<NanoRefAssembly> buildOrder, List<string> problems)
    {
        BuildOrder = buildOrder;
        Problems = problems;
        _byName = buildOrder.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The stub assemblies in the order they were compiled (dependencies first).</summary>
    public IReadOnlyList<NanoRefAssembly> BuildOrder { get; }

    /// <summary>Manifest problems (duplicate names, unknown dependencies, cycles, unreadable manifests).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The stub assembly with the given real assembly name, or null.</summary>
    public NanoRefAssembly Find(string assemblyName) =>
        assemblyName != null && _byName.TryGetValue(assemblyName, out NanoRefAssembly a) ? a : null;

    /// <summary>Reads every tools/NanoRef/*/assembly.json and compiles the stubs.</summary>
    public static NanoRefCatalog Build(string nanoRefDirectory)
    {
        var problems = new List<string>();
        var manifests = new List<NanoRefAssembly>();
        foreach (string folder in Directory.EnumerateDirectories(nanoRefDirectory).OrderBy(f => f, StringComparer.Ordinal))
        {
            string manifestPath = Path.Combine(folder, "assembly.json");
            if (!File.Exists(manifestPath))
            {
                continue;
            }

            try
            {
                manifests.Add(ReadManifest(folder, manifestPath));
            }
            catch (Exception e) when (e is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add(RepoPaths.Relative(manifestPath) + ": " + e.Message);
            }
        }

        foreach (IGrouping<string, NanoRefAssembly> duplicate in manifests.GroupBy(m => m.Name).Where(g => g.Count() > 1))
        {
            problems.Add("assembly '" + duplicate.Key + "' is declared by more than one NanoRef folder");
        }

        List<NanoRefAssembly> order = TopologicalOrder(manifests.GroupBy(m => m.Name).Select(g => g.First()).ToList(), problems);
        var catalog = new NanoRefCatalog(order, problems);
        foreach (NanoRefAssembly assembly in order)
        {
            catalog.CompileStub(assembly);
        }

        return catalog;
    }

    /// <summary>Parse options for the stub sources (the stubs themselves may use any C# the compiler accepts).</summary>
    public static CSharpParseOptions StubParseOptions { get; } = new(LanguageVersion.CSharp9, DocumentationMode.None);

    private void CompileStub(NanoRefAssembly assembly)
    {
        var references = new List<MetadataReference>();
        var errors = new List<string>();
        foreach (string dependency in TransitiveDependencies(assembly))
        {
            NanoRefAssembly dep = Find(dependency);
            if (dep?.Reference == null)
            {
                errors.Add("dependency '" + dependency + "' of NanoRef assembly '" + assembly.Name + "' did not compile");
            }
            else
            {
                references.Add(dep.Reference);
            }
        }

        if (errors.Count > 0)
        {
            assembly.Errors = errors;
            return;
        }

        var trees = assembly.SourceFiles
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), StubParseOptions, RepoPaths.Relative(f)))
            .ToList();
        trees.Add(CSharpSyntaxTree.ParseText(
            "[assembly: System.Reflection.AssemblyVersion(\"" + assembly.Version + "\")]",
            StubParseOptions,
            "tools/NanoRef/" + assembly.Name + "/<AssemblyVersion>.cs"));

        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Disable,
            warningLevel: 4,
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                // Same shape as the real sources (they suppress these with #pragma): Equals without GetHashCode on
                // ValueType/Delegate/String, private struct fields kept only for definite-assignment fidelity.
                ["CS0659"] = ReportDiagnostic.Suppress,
                ["CS0661"] = ReportDiagnostic.Suppress,
                ["CS0169"] = ReportDiagnostic.Suppress,
            });
        CSharpCompilation compilation = CSharpCompilation.Create(assembly.Name, trees, references, options);
        using var image = new MemoryStream();
        var emit = compilation.Emit(image, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(runtimeMetadataVersion: "v4.0.30319"));
        assembly.Diagnostics = emit.Diagnostics;
        if (!emit.Success)
        {
            assembly.Errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(NanoCompileResult.Format).ToList();
            return;
        }

        assembly.Reference = MetadataReference.CreateFromImage(image.ToArray(), filePath: assembly.Name + ".dll");
    }

    /// <summary>All NanoRef assemblies <paramref name="assembly"/> depends on, directly or not (build order).</summary>
    public IReadOnlyList<string> TransitiveDependencies(NanoRefAssembly assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(assembly.Dependencies);
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (seen.Add(name) && Find(name) is { } dep)
            {
                foreach (string next in dep.Dependencies)
                {
                    pending.Push(next);
                }
            }
        }

        return BuildOrder.Select(a => a.Name).Where(seen.Contains).Concat(seen.Where(n => Find(n) == null)).ToList();
    }

    private static NanoRefAssembly ReadManifest(string folder, string manifestPath)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
        JsonElement root = doc.RootElement;
        string Required(string property)
        {
            if (!root.TryGetProperty(property, out JsonElement value) || value.ValueKind != JsonValueKind.String ||
                string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw new InvalidDataException("missing string property '" + property + "'");
            }

            return value.GetString();
        }

        var dependencies = new List<string>();
        if (root.TryGetProperty("dependencies", out JsonElement deps))
        {
            dependencies.AddRange(deps.EnumerateArray().Select(d => d.GetString()));
        }

        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        return new NanoRefAssembly
        {
            Name = Required("name"),
            Version = Required("version"),
            Package = Required("package"),
            PackageVersion = Required("packageVersion"),
            Dependencies = dependencies,
            Folder = folder,
            SourceFiles = sources,
        };
    }

    private static List<NanoRefAssembly> TopologicalOrder(List<NanoRefAssembly> manifests, List<string> problems)
    {
        var byName = manifests.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var order = new List<NanoRefAssembly>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done

        void Visit(NanoRefAssembly m, string path)
        {
            if (state.TryGetValue(m.Name, out int s))
            {
                if (s == 1)
                {
                    problems.Add("NanoRef dependency cycle: " + path + " -> " + m.Name);
                }

                return;
            }

            state[m.Name] = 1;
            foreach (string dep in m.Dependencies)
            {
                if (byName.TryGetValue(dep, out NanoRefAssembly d))
                {
                    Visit(d, path.Length == 0 ? m.Name : path + " -> " + m.Name);
                }
                else
                {
                    problems.Add("NanoRef assembly '" + m.Name + "' depends on '" + dep + "', which has no tools/NanoRef folder");
                }
            }

            state[m.Name] = 2;
            order.Add(m);
        }

        // mscorlib (no dependencies) naturally comes first; sort for a stable order.
        foreach (NanoRefAssembly m in manifests.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            Visit(m, "");
        }

        return order;
    }
}
