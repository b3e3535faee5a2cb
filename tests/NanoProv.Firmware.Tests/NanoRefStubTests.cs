using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// Checks on tools/NanoRef itself: every stub assembly builds under its real name and version, the manifests agree with
/// the package set pinned by nanoframework.md section 12, and the stubs are signatures only (no implementation).
/// </summary>
public class NanoRefStubTests
{
    /// <summary>
    /// Known-good stable package set (nanoframework.md section 12, as pinned by nanoframework/Samples) and the assembly
    /// each package ships (section 10.1). A NanoRef manifest must name one of these with exactly this version.
    /// </summary>
    private static readonly Dictionary<string, (string Version, string Assembly)> PinnedPackages = new(StringComparer.Ordinal)
    {
        ["nanoFramework.CoreLibrary"] = ("1.17.11", "mscorlib"),
        ["nanoFramework.System.Text"] = ("1.3.42", "nanoFramework.System.Text"),
        ["nanoFramework.System.Collections"] = ("1.5.75", "nanoFramework.System.Collections"),
        ["nanoFramework.System.Threading"] = ("1.1.52", "System.Threading"),
        ["nanoFramework.System.IO.Streams"] = ("1.1.96", "System.IO.Streams"),
        ["nanoFramework.System.IO.FileSystem"] = ("1.1.93", "System.IO.FileSystem"),
        ["nanoFramework.System.Math"] = ("1.5.116", "System.Math"),
        ["nanoFramework.Runtime.Events"] = ("1.11.37", "nanoFramework.Runtime.Events"),
        ["nanoFramework.Runtime.Native"] = ("1.7.11", "nanoFramework.Runtime.Native"),
        ["nanoFramework.System.Net"] = ("1.11.60", "System.Net"),
        ["nanoFramework.System.Net.Http"] = ("1.5.210", "System.Net.Http"),
        ["nanoFramework.System.Net.Http.Server"] = ("1.5.210", "System.Net.Http"),
        ["nanoFramework.System.Net.Http.Client"] = ("1.5.210", "System.Net.Http"),
        ["nanoFramework.System.Device.Wifi"] = ("1.5.149", "System.Device.Wifi"),
        ["nanoFramework.System.Device.Gpio"] = ("1.1.62", "System.Device.Gpio"),
        ["nanoFramework.Device.Bluetooth"] = ("1.1.123", "nanoFramework.Device.Bluetooth"),
        ["nanoFramework.Iot.Device.DhcpServer"] = ("1.2.987", "Iot.Device.DhcpServer"),
        ["nanoFramework.Hardware.Esp32"] = ("1.6.40", "nanoFramework.Hardware.Esp32"),
        ["nanoFramework.ResourceManager"] = ("1.2.32", "nanoFramework.ResourceManager"),
        ["nanoFramework.Json"] = ("2.2.213", "nanoFramework.Json"),
        ["nanoFramework.TestFramework"] = ("3.0.80", "nanoFramework.TestFramework"),
    };

    public static TheoryData<string> StubAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (string folder in Directory.EnumerateDirectories(RepoPaths.NanoRef).OrderBy(f => f, StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(folder, "assembly.json")))
            {
                data.Add(Path.GetFileName(folder));
            }
        }

        return data;
    }

    [Fact]
    public void TheCatalogHasNoManifestProblems()
    {
        Assert.True(NanoCompiler.NanoRef.Problems.Count == 0, string.Join("\n", NanoCompiler.NanoRef.Problems));
        Assert.Equal("mscorlib", NanoCompiler.NanoRef.BuildOrder[0].Name);
        Assert.Contains(NanoCompiler.NanoRef.BuildOrder, a => a.Name == "nanoFramework.System.Text");
    }

    [Theory]
    [MemberData(nameof(StubAssemblies))]
    public void StubAssemblyCompilesUnderItsRealNameAndVersion(string folder)
    {
        NanoRefAssembly stub = NanoCompiler.NanoRef.Find(folder);

        Assert.True(stub != null, "tools/NanoRef/" + folder + ": the folder name must equal the assembly name in assembly.json");
        Assert.True(stub.Reference != null, "tools/NanoRef/" + folder + " does not compile:\n" + string.Join("\n", stub.Errors));
        Assert.Equal(stub.Version, stub.PackageVersion + ".0");

        var probe = CSharpCompilation.Create("Probe", references: NanoCompiler.NanoRef.TransitiveDependencies(stub)
            .Select(n => NanoCompiler.NanoRef.Find(n).Reference).Append(stub.Reference));
        AssemblyIdentity identity = ((IAssemblySymbol)probe.GetAssemblyOrModuleSymbol(stub.Reference)).Identity;
        Assert.Equal(stub.Name, identity.Name);
        Assert.Equal(new Version(stub.Version), identity.Version);
    }

    [Theory]
    [MemberData(nameof(StubAssemblies))]
    public void ManifestMatchesThePinnedPackageSet(string folder)
    {
        NanoRefAssembly stub = NanoCompiler.NanoRef.Find(folder);
        Assert.NotNull(stub);

        Assert.True(PinnedPackages.TryGetValue(stub.Package, out var pinned),
            "tools/NanoRef/" + folder + "/assembly.json names package '" + stub.Package + "', which is not in the pinned set");
        Assert.Equal(pinned.Version, stub.PackageVersion);
        Assert.Equal(pinned.Assembly, stub.Name);
        if (stub.Name != "mscorlib")
        {
            Assert.Contains("mscorlib", stub.Dependencies);
        }
    }

    [Fact]
    public void MscorlibIsTheOnlyCoreLibraryAndReferencesNothing()
    {
        NanoRefAssembly corlib = NanoCompiler.NanoRef.Find("mscorlib");

        Assert.Empty(corlib.Dependencies);
        var compilation = CSharpCompilation.Create("Probe", references: new[] { corlib.Reference });
        Assert.Equal("mscorlib", compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.Name);
        Assert.Equal(SymbolKind.ErrorType, compilation.GetTypeByMetadataName("System.Nullable`1")?.Kind ?? SymbolKind.ErrorType);
        Assert.Null(compilation.GetTypeByMetadataName("System.Collections.Generic.List`1"));
        Assert.Null(compilation.GetTypeByMetadataName("System.Math"));
        Assert.Null(compilation.GetTypeByMetadataName("System.Text.Encoding"));
    }

    [Fact]
    public void StubsAreSignaturesOnly()
    {
        var offences = new List<string>();
        foreach (NanoRefAssembly stub in NanoCompiler.NanoRef.BuildOrder)
        {
            foreach (string file in stub.SourceFiles)
            {
                SyntaxTree tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), NanoRefCatalog.StubParseOptions, RepoPaths.Relative(file));
                foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
                {
                    string offence = ImplementationIn(node);
                    if (offence != null)
                    {
                        offences.Add(tree.FilePath + ":" + (node.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ": " + offence);
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "NanoRef stubs must not contain implementations:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void TheSignaturesOnlyRuleCatchesAnImplementation()
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(
            "class C { int _x = 1; int M() { return 42; } int P => 3; C() { M(); } int Q { get { throw null; } } void N() { } }",
            NanoRefCatalog.StubParseOptions).GetRoot();

        var offences = root.DescendantNodes().Select(ImplementationIn).Where(o => o != null).ToList();

        Assert.Equal(4, offences.Count); // field initializer, M body, P expression body, ctor body; Q and N are fine
    }

    [Fact]
    public void StubsDeclareNoExtraNonPublicSurface()
    {
        var offences = new List<string>();
        foreach (NanoRefAssembly stub in NanoCompiler.NanoRef.BuildOrder)
        {
            var compilation = CSharpCompilation.Create("Probe", references: NanoCompiler.NanoRef.TransitiveDependencies(stub)
                .Select(n => NanoCompiler.NanoRef.Find(n).Reference).Append(stub.Reference));
            IAssemblySymbol assembly = compilation.References.Select(compilation.GetAssemblyOrModuleSymbol)
                .OfType<IAssemblySymbol>().Single(a => a.Name == stub.Name);
            foreach (INamedTypeSymbol type in AllTypes(assembly.GlobalNamespace))
            {
                if (type.IsImplicitlyDeclared || type.Name == "<Module>" || IsCompilerEmbedded(type))
                {
                    continue; // synthesized by the compiler (module type, embedded IsReadOnlyAttribute & co.)
                }

                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    offences.Add(stub.Name + ": non-public type " + type.ToDisplayString());
                }

                foreach (ISymbol member in type.GetMembers())
                {
                    bool allowed = member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected
                        || member.IsImplicitlyDeclared
                        || (member is IMethodSymbol m && m.ExplicitInterfaceImplementations.Length > 0)
                        || (member is IPropertySymbol p && p.ExplicitInterfaceImplementations.Length > 0)
                        || (member is IFieldSymbol { IsStatic: false } && type.TypeKind == TypeKind.Struct)
                        // An internal constructor mirrors a real type that user code cannot instantiate (the library creates
                        // it: HttpListenerContext, WifiConnectionResult, event args ...); it only suppresses the implicit
                        // public constructor C# would otherwise add.
                        || (member is IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } &&
                            member.DeclaredAccessibility == Accessibility.Internal);
                    if (!allowed)
                    {
                        offences.Add(stub.Name + ": " + member.DeclaredAccessibility + " member " + member.ToDisplayString());
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    private static bool IsCompilerEmbedded(INamedTypeSymbol type) =>
        type.ToDisplayString() == "Microsoft.CodeAnalysis.EmbeddedAttribute" ||
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Microsoft.CodeAnalysis.EmbeddedAttribute");

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (INamedTypeSymbol type in ns.GetTypeMembers())
        {
            yield return type;
        }

        foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
        {
            foreach (INamedTypeSymbol type in AllTypes(child))
            {
                yield return type;
            }
        }
    }

    /// <summary>Returns a description when the node is an implementation (anything but "{ }" or "throw null").</summary>
    private static string ImplementationIn(SyntaxNode node)
    {
        switch (node)
        {
            case BaseMethodDeclarationSyntax method when method.Body != null && !IsStubBlock(method.Body):
                return "member body with code";
            case BaseMethodDeclarationSyntax method when method.ExpressionBody != null && !IsThrowNull(method.ExpressionBody.Expression):
                return "expression-bodied member with code";
            case AccessorDeclarationSyntax accessor when accessor.Body != null && !IsStubBlock(accessor.Body):
                return "accessor body with code";
            case AccessorDeclarationSyntax accessor when accessor.ExpressionBody != null && !IsThrowNull(accessor.ExpressionBody.Expression):
                return "expression-bodied accessor with code";
            case PropertyDeclarationSyntax property when property.ExpressionBody != null && !IsThrowNull(property.ExpressionBody.Expression):
                return "expression-bodied property with code";
            case PropertyDeclarationSyntax property when property.Initializer != null:
                return "property initializer";
            case IndexerDeclarationSyntax indexer when indexer.ExpressionBody != null && !IsThrowNull(indexer.ExpressionBody.Expression):
                return "expression-bodied indexer with code";
            case ConstructorDeclarationSyntax ctor when ctor.Initializer != null:
                return "constructor initializer (: base/this) - stubs rely on the implicit base()";
            case FieldDeclarationSyntax field when !field.Modifiers.Any(SyntaxKind.ConstKeyword) &&
                                                   field.Declaration.Variables.Any(v => v.Initializer != null):
                return "field initializer";
            default:
                return null;
        }
    }

    private static bool IsStubBlock(BlockSyntax block) =>
        block.Statements.Count == 0 ||
        (block.Statements.Count == 1 && block.Statements[0] is ThrowStatementSyntax { Expression: LiteralExpressionSyntax literal } &&
         literal.IsKind(SyntaxKind.NullLiteralExpression));

    private static bool IsThrowNull(ExpressionSyntax expression) =>
        expression is ThrowExpressionSyntax { Expression: LiteralExpressionSyntax literal } && literal.IsKind(SyntaxKind.NullLiteralExpression);
}
