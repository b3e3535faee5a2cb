using Microsoft.CodeAnalysis;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>Walks the types a compilation declares (Roslyn has no single call for it).</summary>
public static class SymbolWalk
{
    /// <summary>Every named type declared in <paramref name="root"/> and its sub-namespaces, nested types included.</summary>
    public static IEnumerable<INamedTypeSymbol> GetAllTypes(this INamespaceSymbol root)
    {
        foreach (INamespaceOrTypeSymbol member in root.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (INamedTypeSymbol type in ns.GetAllTypes())
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (INamedTypeSymbol nested in WithNested(type))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (INamedTypeSymbol nested in type.GetTypeMembers().SelectMany(WithNested))
        {
            yield return nested;
        }
    }
}
