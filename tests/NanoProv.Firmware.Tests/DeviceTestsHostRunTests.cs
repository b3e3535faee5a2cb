using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NanoProv.Firmware.Tests.NanoCheck;
using NanoProv.Host.Crypto;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// Runs the device tests (tests/NanoProv.DeviceTests) on the host: their sources are compiled for .NET together with a
/// minimal stand-in of nanoFramework.TestFramework and a NativeCrypto stand-in that forwards to the managed provider
/// (same ICrypto contract), then every [TestMethod] is invoked statically, as the nanoFramework runner does. This proves
/// the vectors, the random draw order and the expected bytes before anyone flashes a board; on the device the same tests
/// exercise the native interop.
/// </summary>
public class DeviceTestsHostRunTests
{
    private const string Shim = @"
namespace nanoFramework.TestFramework
{
    using System;
    [AttributeUsage(AttributeTargets.Class)] public class TestClassAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public class TestMethodAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public class SetupAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public class CleanupAttribute : Attribute { }
    public class SkipTestException : Exception { public SkipTestException(string m) : base(m) { } }
    public sealed class AssertFailed : Exception { public AssertFailed(string m) : base(m) { } }
    public static class Assert
    {
        public static void IsTrue(bool c, string message = """") { if (!c) throw new AssertFailed(""IsTrue: "" + message); }
        public static void IsFalse(bool c, string message = """") { if (c) throw new AssertFailed(""IsFalse: "" + message); }
        public static void IsNotNull(object v, string message = """") { if (v == null) throw new AssertFailed(""IsNotNull: "" + message); }
        public static void IsNull(object v, string message = """") { if (v != null) throw new AssertFailed(""IsNull: "" + message); }
        public static void AreEqual(object e, object a, string message = """")
        {
            if (!Equals(e, a)) throw new AssertFailed(""AreEqual: expected "" + e + "", got "" + a + "" "" + message);
        }
        public static void SkipTest(string message = null) { throw new SkipTestException(message); }
    }
}
namespace NanoProv.Nano
{
    public sealed class NativeCrypto : NanoProv.Platform.ICrypto
    {
        private readonly NanoProv.Host.Crypto.ManagedCrypto _c = new NanoProv.Host.Crypto.ManagedCrypto();
        public int Sha256(byte[] d, int o, int n, byte[] h) => _c.Sha256(d, o, n, h);
        public int Sha512(byte[] d, int o, int n, byte[] h) => _c.Sha512(d, o, n, h);
        public int X25519PublicKey(byte[] k, byte[] p) => _c.X25519PublicKey(k, p);
        public int X25519SharedSecret(byte[] k, byte[] p, byte[] s) => _c.X25519SharedSecret(k, p, s);
        public int AesCtrXor(byte[] k, byte[] c, byte[] b, int ko, byte[] d, int o, int n) => _c.AesCtrXor(k, c, b, ko, d, o, n);
        public int AesGcmSeal(byte[] k, byte[] iv, byte[] i, int io, int n, byte[] o, int oo) => _c.AesGcmSeal(k, iv, i, io, n, o, oo);
        public int AesGcmOpen(byte[] k, byte[] iv, byte[] i, int io, int n, byte[] o, int oo) => _c.AesGcmOpen(k, iv, i, io, n, o, oo);
        public int SrpServerPublicKey(byte[] v, byte[] b, byte[] p) => _c.SrpServerPublicKey(v, b, p);
        public int SrpServerSessionKey(byte[] v, byte[] b, byte[] a, byte[] bb, byte[] k) => _c.SrpServerSessionKey(v, b, a, bb, k);
        public int SrpServerVerifyProof(byte[] u, byte[] s, byte[] a, byte[] b, byte[] k, byte[] m1, byte[] m2) => _c.SrpServerVerifyProof(u, s, a, b, k, m1, m2);
        public int SrpCreateVerifier(byte[] u, byte[] p, byte[] s, byte[] v) => _c.SrpCreateVerifier(u, p, s, v);
    }
}";

    [Fact]
    public void EveryDeviceTestPassesOnTheHostWithTheManagedCrypto()
    {
        RunReport report = Run(null);

        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures));
        Assert.Empty(report.Skipped);
        Assert.True(report.Passed >= 15, "only " + report.Passed + " device tests ran");
    }

    [Fact]
    public void AWrongVectorMakesTheDeviceTestsFail()
    {
        RunReport report = Run(text => text.Replace("\"692fd0fd", "\"792fd0fd")); // corrupt M2

        string failure = Assert.Single(report.Failures);
        Assert.Contains("SrpServerMatchesTheSec2Vector", failure);
        Assert.Contains("M2", failure);
    }

    private sealed record RunReport(int Passed, List<string> Failures, List<string> Skipped);

    private static RunReport Run(Func<string, string> tamperVectors)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(Shim, parse, "shim.cs") };
        foreach (string file in RepoPaths.SourceFilesOfProject(RepoPaths.Full("tests/NanoProv.DeviceTests")))
        {
            string text = File.ReadAllText(file);
            if (tamperVectors != null && file.EndsWith("DeviceVectors.cs", StringComparison.Ordinal))
            {
                text = tamperVectors(text);
            }

            if (!file.EndsWith("AssemblyInfo.cs", StringComparison.Ordinal))
            {
                trees.Add(CSharpSyntaxTree.ParseText(text, parse, file));
            }
        }

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p)).ToList<MetadataReference>();
        references.Add(MetadataReference.CreateFromFile(typeof(NanoProv.Platform.ICrypto).Assembly.Location));
        references.Add(MetadataReference.CreateFromFile(typeof(ManagedCrypto).Assembly.Location));
        var compilation = CSharpCompilation.Create("NFUnitTestHost" + Guid.NewGuid().ToString("N"), trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var context = new AssemblyLoadContext("device-tests", isCollectible: true);
        try
        {
            image.Position = 0;
            Assembly assembly = context.LoadFromStream(image);
            int passed = 0;
            var failures = new List<string>();
            var skipped = new List<string>();
            foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "TestClassAttribute")))
            {
                MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static);
                bool setupSkipped = false;
                foreach (MethodInfo setup in methods.Where(m => Has(m, "SetupAttribute")))
                {
                    string outcome = Invoke(setup);
                    if (outcome == "skip")
                    {
                        setupSkipped = true;
                    }
                    else if (outcome != null)
                    {
                        failures.Add(type.Name + "." + setup.Name + ": " + outcome);
                    }
                }

                foreach (MethodInfo test in methods.Where(m => Has(m, "TestMethodAttribute")))
                {
                    string outcome = setupSkipped ? "skip" : Invoke(test);
                    if (outcome == null)
                    {
                        passed++;
                    }
                    else if (outcome == "skip")
                    {
                        skipped.Add(type.Name + "." + test.Name);
                    }
                    else
                    {
                        failures.Add(type.Name + "." + test.Name + ": " + outcome);
                    }
                }
            }

            return new RunReport(passed, failures, skipped);
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool Has(MethodInfo method, string attribute) => method.GetCustomAttributes().Any(a => a.GetType().Name == attribute);

    private static string Invoke(MethodInfo method)
    {
        try
        {
            method.Invoke(null, null);
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException?.GetType().Name == "SkipTestException")
        {
            return "skip";
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException?.GetType().Name + ": " + e.InnerException?.Message;
        }
    }
}
