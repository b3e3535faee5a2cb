using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>
/// Constructs the C# compiler accepts against any reference set but the nanoFramework 1.x toolchain rejects
/// (nanoframework.md 1.2): the metadata processor fails with NFMDP error 0x81010009 on generic declarations, and
/// the runtime has jagged arrays only. Reported as compile errors NANO001 / NANO002.
/// </summary>
public static class NanoSourceRules
{
    /// <summary>A generic type, method or delegate declared in firmware code.</summary>
    public static readonly DiagnosticDescriptor GenericDeclaration = new(
        "NANO001",
        "Generic declaration",
        "'{0}' declares type parameters; nanoFramework 1.x does not support generics (the metadata processor fails with 0x81010009): use object, arrays or a specific type",
        "nanoFramework",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A multi-dimensional (rectangular) array.</summary>
    public static readonly DiagnosticDescriptor MultiDimensionalArray = new(
        "NANO002",
        "Multi-dimensional array",
        "Multi-dimensional arrays are not supported by nanoFramework 1.x: use a jagged array (T[][]) or index a T[] by hand",
        "nanoFramework",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>Runs the rules over one parsed source file.</summary>
    public static IEnumerable<Diagnostic> Check(SyntaxTree tree)
    {
        foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case TypeParameterListSyntax list when list.Parent is MemberDeclarationSyntax or LocalFunctionStatementSyntax:
                    yield return Diagnostic.Create(GenericDeclaration, list.GetLocation(), NameOf(list.Parent));
                    break;
                case ArrayRankSpecifierSyntax rank when rank.Rank > 1:
                    yield return Diagnostic.Create(MultiDimensionalArray, rank.GetLocation());
                    break;
            }
        }
    }

    private static string NameOf(SyntaxNode declaration) => declaration switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier.Text,
        MethodDeclarationSyntax method => method.Identifier.Text,
        DelegateDeclarationSyntax @delegate => @delegate.Identifier.Text,
        LocalFunctionStatementSyntax local => local.Identifier.Text,
        _ => declaration.Kind().ToString(),
    };
}
