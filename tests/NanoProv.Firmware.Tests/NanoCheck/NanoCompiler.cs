using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>
/// The nanoFramework compile check, reusable from any test: compiles C# sources the way a .nfproj build would
/// (C# 9, NANOFRAMEWORK_1_0 defined, no standard library) against the NanoRef stubs only, plus the
/// <see cref="NanoSourceRules"/> (no generic declarations, no multi-dimensional arrays).
/// <code>
/// // a whole nanoFramework project, references taken from its .nfproj:
/// NanoCompileResult r = NanoCompiler.CompileProject("firmware/NanoProv/NanoProv.nfproj");
/// Assert.True(r.Success, r.Describe());
/// // a snippet against chosen NanoRef assemblies:
/// NanoCompiler.CompileSnippet("class C { }", "mscorlib", "nanoFramework.System.Text");
/// // extra sources (e.g. a README sample) against compiled projects plus the NanoRef assemblies they reference:
/// NanoCompiler.CompileAgainstProjects(new[] { "firmware/NanoProv/NanoProv.nfproj", "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj" },
///     "Sample", new[] { new NanoSource("README.md#embed", code) });
/// </code>
/// </summary>
public static class NanoCompiler
{
    /// <summary>The configuration the README's test command checks (Release defines TRACE, Debug DEBUG;TRACE).</summary>
    public const string Release = "Release";

    /// <summary>Debug configuration.</summary>
    public const string Debug = "Debug";

    /// <summary>The NanoRef assemblies firmware/NanoProv/NanoProv.nfproj references (convenient default for snippets).</summary>
    public static readonly string[] NanoProvReferences = { "mscorlib", "nanoFramework.System.Text", "nanoFramework.System.Collections" };

    private static readonly Lazy<NanoRefCatalog> LazyNanoRef = new(() => NanoRefCatalog.Build(RepoPaths.NanoRef));
    private static readonly ConcurrentDictionary<string, Lazy<NanoCompileResult>> ProjectCache = new(StringComparer.Ordinal);

    /// <summary>The compiled NanoRef stubs (built once per test run).</summary>
    public static NanoRefCatalog NanoRef => LazyNanoRef.Value;

    /// <summary>Parse options of a nanoFramework build: C# 9 (the .nfproj default), NANOFRAMEWORK_1_0 plus the configuration's symbols.</summary>
    public static CSharpParseOptions ParseOptions(string configuration = Release)
    {
        var symbols = new List<string> { "NANOFRAMEWORK_1_0", "TRACE" };
        if (string.Equals(configuration, Debug, StringComparison.OrdinalIgnoreCase))
        {
            symbols.Add("DEBUG");
        }

        return new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Parse, SourceCodeKind.Regular, symbols);
    }

    /// <summary>
    /// Compiles <paramref name="sources"/> as assembly <paramref name="assemblyName"/> against the named NanoRef assemblies
    /// (and <paramref name="additionalReferences"/>, e.g. another compiled firmware project). Nothing else is referenced.
    /// </summary>
    public static NanoCompileResult Compile(
        string assemblyName,
        IEnumerable<NanoSource> sources,
        IEnumerable<string> nanoRefAssemblies,
        IEnumerable<MetadataReference> additionalReferences = null,
        string configuration = Release,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var problems = new List<string>();
        var references = new List<MetadataReference>();
        var names = nanoRefAssemblies.Distinct(StringComparer.Ordinal).ToList();
        foreach (string name in names)
        {
            NanoRefAssembly stub = NanoRef.Find(name);
            if (stub == null)
            {
                problems.Add("NanoRef has no stub for assembly '" + name + "': add tools/NanoRef/" + name +
                             "/ (assembly.json + signature-only .cs, see tools/NanoRef/README.md)");
            }
            else if (stub.Reference == null)
            {
                problems.Add("NanoRef stub '" + name + "' does not compile: " + string.Join("; ", stub.Errors));
            }
            else
            {
                references.Add(stub.Reference);
            }
        }

        foreach (MetadataReference extra in additionalReferences ?? Enumerable.Empty<MetadataReference>())
        {
            if (extra == null)
            {
                problems.Add("a referenced assembly is missing (it failed to compile)");
            }
            else
            {
                references.Add(extra);
            }
        }

        CSharpParseOptions parse = ParseOptions(configuration);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)).ToList();
        var options = new CSharpCompilationOptions(
            outputKind,
            optimizationLevel: string.Equals(configuration, Debug, StringComparison.OrdinalIgnoreCase)
                ? OptimizationLevel.Debug
                : OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Annotations,
            warningLevel: 4);
        CSharpCompilation compilation = CSharpCompilation.Create(assemblyName, trees, references, options);

        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        var diagnostics = emit.Diagnostics.AddRange(trees.SelectMany(NanoSourceRules.Check));
        return new NanoCompileResult(assemblyName, compilation, diagnostics, emit.Success ? image.ToArray() : null, names, problems);
    }

    /// <summary>Compiles one snippet (a whole compilation unit) as assembly "Snippet".</summary>
    public static NanoCompileResult CompileSnippet(string code, params string[] nanoRefAssemblies) =>
        Compile("Snippet", new[] { new NanoSource("snippet.cs", code) },
            nanoRefAssemblies.Length == 0 ? new[] { "mscorlib" } : nanoRefAssemblies);

    /// <summary>
    /// Compiles a nanoFramework project: every .cs under its folder (bin/obj and nested projects excluded), plus
    /// <paramref name="extraSources"/>, as its AssemblyName, against exactly the NanoRef assemblies its .nfproj
    /// &lt;Reference&gt;s name and the projects its &lt;ProjectReference&gt;s name (compiled first).
    /// Results without extra sources are cached per project and configuration.
    /// </summary>
    public static NanoCompileResult CompileProject(string nfprojPath, string configuration = Release, IEnumerable<NanoSource> extraSources = null)
    {
        string full = Path.IsPathRooted(nfprojPath) ? Path.GetFullPath(nfprojPath) : RepoPaths.Full(nfprojPath);
        var extras = extraSources?.ToList();
        if (extras is { Count: > 0 })
        {
            return CompileProjectCore(full, configuration, extras, new HashSet<string>(StringComparer.Ordinal));
        }

        string key = full + "|" + configuration.ToUpperInvariant();
        return ProjectCache.GetOrAdd(key, _ => new Lazy<NanoCompileResult>(
            () => CompileProjectCore(full, configuration, new List<NanoSource>(), new HashSet<string>(StringComparer.Ordinal)))).Value;
    }

    private static NanoCompileResult CompileProjectCore(string full, string configuration, List<NanoSource> extras, HashSet<string> visiting)
    {
        NfProject project = NfProject.Load(full);
        if (!visiting.Add(full))
        {
            throw new InvalidOperationException("ProjectReference cycle through " + project.RelativePath);
        }

        var additional = new List<MetadataReference>();
        var upstreamProblems = new List<string>();
        foreach (string include in project.ProjectReferences)
        {
            string referenced = project.ResolveRelative(include);
            if (!File.Exists(referenced))
            {
                upstreamProblems.Add(project.RelativePath + ": ProjectReference '" + include + "' does not exist");
                continue;
            }

            NanoCompileResult upstream = visiting.Contains(referenced)
                ? throw new InvalidOperationException("ProjectReference cycle: " + project.RelativePath + " -> " + include)
                : CompileProject(referenced, configuration);
            if (upstream.Success)
            {
                additional.Add(upstream.Reference);
            }
            else
            {
                upstreamProblems.Add(project.RelativePath + ": referenced project " + RepoPaths.Relative(referenced) +
                                     " does not compile:\n" + upstream.Describe());
            }
        }

        var sources = RepoPaths.SourceFilesOfProject(project.Directory).Select(NanoSource.FromFile).Concat(extras).ToList();
        OutputKind kind = string.Equals(project.OutputType, "Exe", StringComparison.OrdinalIgnoreCase)
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        NanoCompileResult result = Compile(
            project.AssemblyName,
            sources,
            CodeReferences(project).Select(r => r.AssemblyName),
            additional,
            configuration,
            kind);
        visiting.Remove(full);
        if (upstreamProblems.Count == 0)
        {
            return result;
        }

        return new NanoCompileResult(result.AssemblyName, result.Compilation, result.Diagnostics, null,
            result.NanoRefAssemblies, upstreamProblems.Concat(result.Problems).ToList());
    }

    /// <summary>
    /// Compiles <paramref name="sources"/> (e.g. the README's "Embed NanoProv" sample) as an application of a firmware
    /// project: it references the compiled project plus exactly the NanoRef assemblies the project's .nfproj references,
    /// and <paramref name="extraNanoRefAssemblies"/> (packages the sample's own project would add).
    /// </summary>
    public static NanoCompileResult CompileAgainstProject(
        string nfprojPath,
        string assemblyName,
        IEnumerable<NanoSource> sources,
        IEnumerable<string> extraNanoRefAssemblies = null,
        string configuration = Release) =>
        CompileAgainstProjects(new[] { nfprojPath }, assemblyName, sources, extraNanoRefAssemblies, configuration);

    /// <summary>
    /// Compiles <paramref name="sources"/> as an application that references several firmware projects (e.g. NanoProv,
    /// NanoProv.Crypto and NanoProv.Ble, as the README's embed sample does): the compiled projects plus the union of the
    /// NanoRef assemblies their .nfproj files reference, and <paramref name="extraNanoRefAssemblies"/>. Only the listed
    /// projects are referenced, not what they reference in turn (old-style projects do not pass project references on).
    /// </summary>
    public static NanoCompileResult CompileAgainstProjects(
        IEnumerable<string> nfprojPaths,
        string assemblyName,
        IEnumerable<NanoSource> sources,
        IEnumerable<string> extraNanoRefAssemblies = null,
        string configuration = Release)
    {
        var compiled = new List<MetadataReference>();
        var references = new List<string>();
        var problems = new List<string>();
        foreach (string nfprojPath in nfprojPaths)
        {
            string full = Path.IsPathRooted(nfprojPath) ? Path.GetFullPath(nfprojPath) : RepoPaths.Full(nfprojPath);
            NanoCompileResult project = CompileProject(full, configuration);
            if (project.Success)
            {
                compiled.Add(project.Reference);
            }
            else
            {
                problems.Add(RepoPaths.Relative(full) + " does not compile:\n" + project.Describe());
            }

            references.AddRange(CodeReferences(NfProject.Load(full)).Select(r => r.AssemblyName));
        }

        references.AddRange(extraNanoRefAssemblies ?? Enumerable.Empty<string>());
        NanoCompileResult result = Compile(assemblyName, sources, references, compiled, configuration);
        if (problems.Count == 0)
        {
            return result;
        }

        return new NanoCompileResult(result.AssemblyName, result.Compilation, result.Diagnostics, null, result.NanoRefAssemblies,
            problems.Concat(result.Problems).ToList());
    }

    /// <summary>
    /// The projects in build order: every project after the projects its &lt;ProjectReference&gt;s name (those are
    /// included even when not listed), ties broken by path. Throws on a reference cycle or a missing project.
    /// </summary>
    public static IReadOnlyList<string> BuildOrder(IEnumerable<string> nfprojPaths)
    {
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in nfprojPaths.OrderBy(p => p, StringComparer.Ordinal))
        {
            Visit(RepoPaths.Relative(Path.IsPathRooted(path) ? Path.GetFullPath(path) : RepoPaths.Full(path)));
        }

        return order;

        void Visit(string relative)
        {
            if (done.Contains(relative))
            {
                return;
            }

            if (!visiting.Add(relative))
            {
                throw new InvalidOperationException("ProjectReference cycle through " + relative);
            }

            string full = RepoPaths.Full(relative);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException("project not found: " + relative, full);
            }

            NfProject project = NfProject.Load(full);
            foreach (string include in project.ProjectReferences.OrderBy(i => i, StringComparer.Ordinal))
            {
                Visit(RepoPaths.Relative(project.ResolveRelative(include)));
            }

            visiting.Remove(relative);
            done.Add(relative);
            order.Add(relative);
        }
    }

    /// <summary>
    /// The references code is compiled against: every &lt;Reference&gt; except executables (a unit-test project references
    /// nanoFramework.UnitTestLauncher.exe only so it is deployed; no code binds to it).
    /// </summary>
    public static IEnumerable<NfReference> CodeReferences(NfProject project) =>
        project.References.Where(r => r.HintPath == null || !r.HintPath.EndsWith(".exe", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every nanoFramework project the check covers: *.nfproj under firmware/ and tests/ (bin, obj and packages skipped),
    /// repository-relative, sorted.
    /// </summary>
    public static IReadOnlyList<string> DiscoverProjects()
    {
        var found = new List<string>();
        foreach (string top in new[] { "firmware", "tests" })
        {
            string dir = RepoPaths.Full(top);
            if (Directory.Exists(dir))
            {
                Find(dir, found);
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;

        static void Find(string dir, List<string> into)
        {
            into.AddRange(Directory.EnumerateFiles(dir, "*.nfproj").Select(RepoPaths.Relative));
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                if (!RepoPaths.IsIgnoredFolder(Path.GetFileName(sub)))
                {
                    Find(sub, into);
                }
            }
        }
    }
}
