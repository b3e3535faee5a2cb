using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// The nf-interpreter glue in native-interop/nanoframework matches the interop assembly it serves (firmware/NanoProv.Crypto):
/// file and symbol names derive from the assembly name, the version equals AssemblyNativeVersion, and method_lookup has one
/// slot per method of the assembly in MetadataProcessor's order (per type: virtual, then other instance, then static
/// methods, each group in metadata order), the externs pointing at the stubs the header declares and the glue defines.
/// MetadataProcessor regenerates the table and the checksum on a real build; this catches a stale hand-kept copy here.
/// </summary>
public class NativeInteropTableTests
{
    private const string CryptoProject = "firmware/NanoProv.Crypto/NanoProv.Crypto.nfproj";
    private const string GlueFolder = "native-interop/nanoframework";

    /// <summary>One slot of the native method table: null for a managed method, else "Library_...::Method___SIG".</summary>
    private sealed record Slot(string Method, string Handler);

    [Fact]
    public void FilesAndSymbolsAreNamedAfterTheInteropAssembly()
    {
        string assembly = NfProject.Load(RepoPaths.Full(CryptoProject)).AssemblyName;
        string safe = assembly.Replace('.', '_');
        Assert.Equal("NanoProv_Crypto", safe);

        string header = Read(safe + ".h");
        string table = Read(safe + ".cpp");
        string glue = Read(safe + "_NanoProv_Nano_NativeCrypto.cpp");
        string cmake = Read("FindINTEROP-" + assembly + ".cmake");

        Assert.Contains("extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_" + safe + ";", header);
        Assert.Contains("struct Library_" + safe + "_NanoProv_Nano_NativeCrypto", header);
        Assert.Contains("#include \"" + safe + ".h\"", table);
        Assert.Contains("#include \"" + safe + ".h\"", glue);
        // nf-interpreter reads <AssemblyName>_INCLUDE_DIRS / <AssemblyName>_SOURCES (dotted name) after
        // find_package(INTEROP-<AssemblyName>), and compiles the module from InteropAssemblies/<AssemblyName>.
        Assert.Contains("InteropAssemblies/" + assembly + ")", cmake);
        Assert.Contains("list(APPEND " + assembly + "_INCLUDE_DIRS", cmake);
        Assert.Contains("list(APPEND " + assembly + "_SOURCES", cmake);
        Assert.Contains("FIND_PACKAGE_HANDLE_STANDARD_ARGS(" + assembly + " ", cmake);
        Assert.Contains("NF_INTEROP_ASSEMBLIES=\"" + assembly + "\"", cmake);
        foreach (string listed in new[] { safe + ".cpp", safe + "_NanoProv_Nano_NativeCrypto.cpp", "np_rng_esp32.c" })
        {
            Assert.Matches(@"\n\s+" + Regex.Escape(listed) + @"\s*\n", cmake);
            Assert.True(File.Exists(RepoPaths.Full(GlueFolder + "/" + listed)), listed + " is listed by the CMake module but missing");
        }

        // The glue of the time the interop lived in the NanoProv library itself is gone (it would register a second,
        // stale native assembly).
        const string formerInteropAssembly = "NanoProv";
        foreach (string former in new[] { formerInteropAssembly + ".h", formerInteropAssembly + ".cpp", "FindINTEROP-" + formerInteropAssembly + ".cmake" })
        {
            Assert.False(File.Exists(RepoPaths.Full(GlueFolder + "/" + former)), former + " is left over");
        }
    }

    [Fact]
    public void AssemblyDeclarationMatchesTheManagedAssembly()
    {
        NanoCompileResult compiled = NanoCompiler.CompileProject(CryptoProject);
        Assert.True(compiled.Success, compiled.Describe());
        string nativeVersion = (string)compiled.Compilation.Assembly.GetAttributes()
            .Single(a => a.AttributeClass?.Name == "AssemblyNativeVersionAttribute").ConstructorArguments[0].Value;

        Match data = Regex.Match(Read("NanoProv_Crypto.cpp"),
            @"CLR_RT_NativeAssemblyData\s+g_CLR_AssemblyNative_(?<safe>\w+)\s*=\s*\{\s*""(?<name>[^""]+)""\s*,\s*0x(?<crc>[0-9A-Fa-f]{8})\s*,[^{]*?method_lookup\s*,\s*\{\s*(?<v1>\d+)\s*,\s*(?<v2>\d+)\s*,\s*(?<v3>\d+)\s*,\s*(?<v4>\d+)\s*\}");

        Assert.True(data.Success, "g_CLR_AssemblyNative_... declaration not found in NanoProv_Crypto.cpp");
        Assert.Equal("NanoProv_Crypto", data.Groups["safe"].Value);
        Assert.Equal(compiled.AssemblyName, data.Groups["name"].Value);
        Assert.Equal(nativeVersion, string.Join(".", data.Groups["v1"].Value, data.Groups["v2"].Value, data.Groups["v3"].Value, data.Groups["v4"].Value));
    }

    [Fact]
    public void MethodLookupHasOneSlotPerMethodInMetadataProcessorOrder()
    {
        NanoCompileResult compiled = NanoCompiler.CompileProject(CryptoProject);
        Assert.True(compiled.Success, compiled.Describe());

        List<Slot> expected = ExpectedSlots(compiled);
        List<string> table = ParseMethodLookup(Read("NanoProv_Crypto.cpp"));

        Assert.Equal(24, expected.Count); // 11 ICrypto methods, .ctor, InRange, 11 externs
        Assert.Equal("", Mismatch(expected, table));
    }

    [Fact]
    public void HeaderDeclaresAndGlueDefinesEveryExtern()
    {
        NanoCompileResult compiled = NanoCompiler.CompileProject(CryptoProject);
        Assert.True(compiled.Success, compiled.Describe());
        var natives = ExpectedSlots(compiled).Where(s => s.Handler != null).Select(s => s.Handler.Split("::")[1]).ToList();

        string header = Read("NanoProv_Crypto.h");
        var declared = Regex.Matches(header, @"NANOCLR_NATIVE_DECLARE\((?<m>\w+)\)").Select(m => m.Groups["m"].Value).ToList();
        Assert.Equal(natives, declared);

        string glue = Read("NanoProv_Crypto_NanoProv_Nano_NativeCrypto.cpp");
        foreach (string method in natives)
        {
            Assert.Matches(@"HRESULT\s+Library_NanoProv_Crypto_NanoProv_Nano_NativeCrypto::\s*" + method + @"\s*\(", glue);
        }
    }

    [Fact]
    public void TheTableCheckCatchesASwappedSlotAndAShiftedTable()
    {
        NanoCompileResult compiled = NanoCompiler.CompileProject(CryptoProject);
        Assert.True(compiled.Success, compiled.Describe());
        List<string> table = ParseMethodLookup(Read("NanoProv_Crypto.cpp"));

        // Two externs swapped in the table.
        var swapped = table.ToList();
        (swapped[13], swapped[14]) = (swapped[14], swapped[13]);
        Assert.Contains("slot 13", Mismatch(ExpectedSlots(compiled), swapped));

        // A managed method added to NativeCrypto: every later slot moves, the hand-kept table is stale.
        string source = File.ReadAllText(RepoPaths.Full("firmware/NanoProv.Crypto/NativeCrypto.cs"));
        string extended = source.Replace("        private static bool InRange(",
            "        public static int Version() { return 1; }\n\n        private static bool InRange(");
        Assert.NotEqual(source, extended);
        NanoCompileResult changed = NanoCompiler.Compile("NanoProv.Crypto",
            new[] { new NanoSource("NativeCrypto.cs", extended) }, new[] { "mscorlib" },
            new[] { NanoCompiler.CompileProject("firmware/NanoProv/NanoProv.nfproj").Reference });
        Assert.True(changed.Success, changed.Describe());
        Assert.Contains("25 slots", Mismatch(ExpectedSlots(changed), table));
    }

    /// <summary>The slots MetadataProcessor writes for the compiled assembly, read from its metadata.</summary>
    private static List<Slot> ExpectedSlots(NanoCompileResult compiled)
    {
        Assert.NotNull(compiled.Image);
        using var pe = new PEReader(ImmutableArray.Create(compiled.Image));
        MetadataReader md = pe.GetMetadataReader();
        string safeAssembly = compiled.AssemblyName.Replace('.', '_');
        // Skipped: <Module>, and the attribute types Roslyn embeds for the check's nullable-annotation context
        // (EmbeddedAttribute, NullableAttribute, ...): the .nfproj build has no nullable context, so MetadataProcessor
        // never sees them.
        var types = md.TypeDefinitions.Select(md.GetTypeDefinition)
            .Where(t => md.GetString(t.Name) != "<Module>" && !IsCompilerEmbedded(md, t)).ToList();
        // MetadataProcessor orders several types by usage; NanoProv.Crypto is meant to hold exactly one, which makes the
        // order trivial (and keeps the checksum about the crypto surface only).
        Assert.Single(types);

        var slots = new List<Slot>();
        foreach (TypeDefinition type in types)
        {
            string safeClass = (md.GetString(type.Namespace) + "." + md.GetString(type.Name)).Replace('.', '_');
            var methods = type.GetMethods().Select(md.GetMethodDefinition).ToList();
            bool IsVirtual(MethodDefinition m) => (m.Attributes & MethodAttributes.Virtual) != 0;
            bool IsStatic(MethodDefinition m) => (m.Attributes & MethodAttributes.Static) != 0;
            IEnumerable<MethodDefinition> ordered = methods.Where(IsVirtual)
                .Concat(methods.Where(m => !IsVirtual(m) && !IsStatic(m)))
                .Concat(methods.Where(IsStatic));
            foreach (MethodDefinition method in ordered)
            {
                string name = md.GetString(method.Name);
                bool native = (method.ImplAttributes & MethodImplAttributes.InternalCall) != 0;
                slots.Add(new Slot(name, native
                    ? "Library_" + safeAssembly + "_" + safeClass + "::" + SafeMethodName(name, method, IsStatic(method))
                    : null));
            }
        }

        return slots;
    }

    private static bool IsCompilerEmbedded(MetadataReader md, TypeDefinition type)
    {
        if (md.GetString(type.Namespace) == "Microsoft.CodeAnalysis" && md.GetString(type.Name) == "EmbeddedAttribute")
        {
            return true;
        }

        foreach (CustomAttributeHandle handle in type.GetCustomAttributes())
        {
            CustomAttribute attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MethodDefinition)
            {
                TypeDefinition owner = md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType());
                if (md.GetString(owner.Name) == "EmbeddedAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>MetadataProcessor's stub name: Name___[STATIC__]RET__ARG1__ARG2...</summary>
    private static string SafeMethodName(string name, MethodDefinition method, bool isStatic)
    {
        MethodSignature<string> signature = method.DecodeSignature(new StubTypeNames(), null);
        return name + "___" + (isStatic ? "STATIC__" : "") + signature.ReturnType +
               string.Concat(signature.ParameterTypes.Select(p => "__" + p));
    }

    /// <summary>Empty when the table equals the expected slots; otherwise the first difference.</summary>
    private static string Mismatch(List<Slot> expected, List<string> table)
    {
        if (expected.Count != table.Count)
        {
            return "the assembly has " + expected.Count + " slots (methods), the table " + table.Count;
        }

        for (int i = 0; i < expected.Count; i++)
        {
            if (!string.Equals(expected[i].Handler, table[i], StringComparison.Ordinal))
            {
                return "slot " + i + " (" + expected[i].Method + "): expected " + (expected[i].Handler ?? "nullptr") + ", table has " +
                       (table[i] ?? "nullptr");
            }
        }

        return "";
    }

    /// <summary>The entries of method_lookup[] (null for nullptr/NULL), comments removed.</summary>
    private static List<string> ParseMethodLookup(string cpp)
    {
        Match block = Regex.Match(cpp, @"method_lookup\[\]\s*=\s*\{(?<body>.*?)\};", RegexOptions.Singleline);
        Assert.True(block.Success, "method_lookup[] not found");
        string body = Regex.Replace(block.Groups["body"].Value, @"//[^\n]*|/\*.*?\*/", "", RegexOptions.Singleline);
        return body.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0)
            .Select(e => e is "nullptr" or "NULL" ? null : e.TrimStart('&')).ToList();
    }

    private static string Read(string fileInGlueFolder) => File.ReadAllText(RepoPaths.Full(GlueFolder + "/" + fileInGlueFolder));

    /// <summary>The type tokens MetadataProcessor uses in stub names (the primitives an interop signature may carry).</summary>
    private sealed class StubTypeNames : ISignatureTypeProvider<string, object>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Void => "VOID",
            PrimitiveTypeCode.Boolean => "BOOLEAN",
            PrimitiveTypeCode.Char => "CHAR",
            PrimitiveTypeCode.SByte => "I1",
            PrimitiveTypeCode.Byte => "U1",
            PrimitiveTypeCode.Int16 => "I2",
            PrimitiveTypeCode.UInt16 => "U2",
            PrimitiveTypeCode.Int32 => "I4",
            PrimitiveTypeCode.UInt32 => "U4",
            PrimitiveTypeCode.Int64 => "I8",
            PrimitiveTypeCode.UInt64 => "U8",
            PrimitiveTypeCode.Single => "R4",
            PrimitiveTypeCode.Double => "R8",
            PrimitiveTypeCode.String => "STRING",
            PrimitiveTypeCode.Object => "OBJECT",
            _ => throw new NotSupportedException("no stub name for " + typeCode),
        };

        public string GetSZArrayType(string elementType) => "SZARRAY_" + elementType;

        public string GetByReferenceType(string elementType) => "BYREF_" + elementType;

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            throw new NotSupportedException("class parameters are not used by the NanoProv interop");

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            throw new NotSupportedException("class parameters are not used by the NanoProv interop");

        public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            throw new NotSupportedException();

        public string GetArrayType(string elementType, ArrayShape shape) => throw new NotSupportedException();

        public string GetPointerType(string elementType) => throw new NotSupportedException();

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => throw new NotSupportedException();

        public string GetGenericMethodParameter(object genericContext, int index) => throw new NotSupportedException();

        public string GetGenericTypeParameter(object genericContext, int index) => throw new NotSupportedException();

        public string GetFunctionPointerType(MethodSignature<string> signature) => throw new NotSupportedException();

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;
    }
}
