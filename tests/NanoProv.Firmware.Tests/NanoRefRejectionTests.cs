using NanoProv.Firmware.Tests.NanoCheck;

namespace NanoProv.Firmware.Tests;

/// <summary>
/// Proof that the check bites: snippets using desktop-.NET API or C# features nanoFramework 1.x lacks must fail to
/// compile against NanoRef, each for the expected reason (diagnostic id), while a control snippet full of allowed
/// constructs compiles. Snippets reference mscorlib + nanoFramework.System.Text + nanoFramework.System.Collections
/// (what NanoProv.nfproj references), so a failure is never just "assembly not referenced".
/// </summary>
public class NanoRefRejectionTests
{
    public static TheoryData<string, string, string[]> NonNanoConstructs() => new()
    {
        { "List<int>", "using System.Collections.Generic; class C { void M() { var l = new List<int>(); l.Add(1); } }", new[] { "CS0234", "CS0246" } },
        { "int?", "class C { int? M() { return null; } }", new[] { "CS0518" } },
        { "string.Replace", "class C { string M(string s) { return s.Replace(\"a\", \"b\"); } }", new[] { "CS1061" } },
        { "Encoding.UTF8.GetString(byte[])", "using System.Text; class C { string M(byte[] b) { return Encoding.UTF8.GetString(b); } }", new[] { "CS7036" } },
        { "Hashtable.ContainsKey", "using System.Collections; class C { bool M(Hashtable h) { return h.ContainsKey(\"k\"); } }", new[] { "CS1061" } },
        { "async void method", "class C { async void M() { } }", new[] { "CS0518", "CS0656" } },
        { "async Task method", "using System.Threading.Tasks; class C { async Task M() { await Task.Delay(1); } }", new[] { "CS0234", "CS0246" } },
        { "LINQ", "using System.Linq; class C { object M(int[] x) { return x.Where(i => i > 0); } }", new[] { "CS0234" } },
        { "Math.Min (System.Math not referenced)", "using System; class C { int M(int a, int b) { return Math.Min(a, b); } }", new[] { "CS0103" } },
        { "generic class", "class Box<T> { public T Value; }", new[] { "NANO001" } },
        { "generic method", "class C { T Pick<T>(T a) { return a; } }", new[] { "NANO001" } },
        { "Action<T>", "using System; class C { void M() { Action<int> a = null; } }", new[] { "CS0308" } },
        { "EventHandler<T>", "using System; class C { event EventHandler<EventArgs> E; }", new[] { "CS0308" } },
        { "tuple", "class C { (int, int) M() { return (1, 2); } }", new[] { "CS8179" } },
        { "record", "record R(int X);", new[] { "CS0518", "CS0656" } },
        { "Span<byte>", "class C { void M() { System.Span<byte> s = default; } }", new[] { "CS0234" } },
        { "multi-dimensional array", "class C { int[,] grid = new int[2, 2]; }", new[] { "NANO002" } },
        { "string.Join", "class C { string M(string[] p) { return string.Join(\",\", p); } }", new[] { "CS0117" } },
        { "string.IsNullOrWhiteSpace", "class C { bool M(string s) { return string.IsNullOrWhiteSpace(s); } }", new[] { "CS0117" } },
        { "string.Split(string)", "class C { string[] M(string s) { return s.Split(\", \"); } }", new[] { "CS1503" } },
        { "string.Contains(char)", "class C { bool M(string s) { return s.Contains('a'); } }", new[] { "CS1503" } },
        { "ToLowerInvariant", "class C { string M(string s) { return s.ToLowerInvariant(); } }", new[] { "CS1061" } },
        { "char.IsDigit", "class C { bool M(char c) { return char.IsDigit(c); } }", new[] { "CS0117" } },
        { "Array.Sort", "class C { void M(int[] a) { System.Array.Sort(a); } }", new[] { "CS0117" } },
        { "Array.Resize", "class C { void M(byte[] a) { System.Array.Resize(ref a, 4); } }", new[] { "CS0117" } },
        { "Array.Empty", "class C { byte[] M() { return System.Array.Empty<byte>(); } }", new[] { "CS0117" } },
        { "Buffer.BlockCopy", "class C { void M(byte[] a, byte[] b) { System.Buffer.BlockCopy(a, 0, b, 0, 1); } }", new[] { "CS0234" } },
        { "ArrayList.AddRange", "using System.Collections; class C { void M(ArrayList l) { l.AddRange(new object[1]); } }", new[] { "CS1061" } },
        { "ArrayList.Sort", "using System.Collections; class C { void M(ArrayList l) { l.Sort(); } }", new[] { "CS1061" } },
        { "Random.Next(min, max)", "class C { int M(System.Random r) { return r.Next(1, 6); } }", new[] { "CS1501" } },
        { "DateTime.Now", "class C { System.DateTime M() { return System.DateTime.Now; } }", new[] { "CS0117" } },
        { "TimeSpan.FromSeconds(double)", "class C { System.TimeSpan M() { return System.TimeSpan.FromSeconds(1.5); } }", new[] { "CS1503" } },
        { "WaitOne(int)", "class C { bool M(System.Threading.AutoResetEvent e) { return e.WaitOne(100); } }", new[] { "CS7036" } },
        { "Interlocked on long", "class C { long _n; long M() { return System.Threading.Interlocked.Increment(ref _n); } }", new[] { "CS1503" } },
        { "Thread.IsBackground", "class C { void M(System.Threading.Thread t) { t.IsBackground = true; } }", new[] { "CS1061" } },
        { "Monitor.TryEnter", "class C { bool M(object o) { return System.Threading.Monitor.TryEnter(o); } }", new[] { "CS0117" } },
        { "Console.WriteLine(int)", "class C { void M() { System.Console.WriteLine(42); } }", new[] { "CS1503" } },
        { "Debug.WriteLine(format, args)", "class C { void M() { System.Diagnostics.Debug.WriteLine(\"{0}\", 1); } }", new[] { "CS1501" } },
        { "StringBuilder.Insert(int, string)", "class C { void M(System.Text.StringBuilder b) { b.Insert(0, \"x\"); } }", new[] { "CS1501" } },
        { "StringBuilder.AppendFormat", "class C { void M(System.Text.StringBuilder b) { b.AppendFormat(\"{0}\", 1); } }", new[] { "CS1061" } },
        { "Encoding.ASCII", "class C { byte[] M(string s) { return System.Text.Encoding.ASCII.GetBytes(s); } }", new[] { "CS0117" } },
        { "Enum.GetValues", "class C { System.Array M() { return System.Enum.GetValues(typeof(System.DayOfWeek)); } }", new[] { "CS0117", "CS0234" } },
        { "yield iterator", "class C { System.Collections.IEnumerable M() { yield return 1; } }", new[] { "CS0518" } },
        { "unsafe code", "class C { unsafe void M() { } }", new[] { "CS0227" } },
    };

    [Theory]
    [MemberData(nameof(NonNanoConstructs))]
    public void NonNanoConstructIsRejected(string construct, string code, string[] expectedIds)
    {
        NanoCompileResult result = NanoCompiler.CompileSnippet(code, NanoCompiler.NanoProvReferences);

        Assert.False(result.Success, construct + " compiled against NanoRef but does not exist on nanoFramework 1.x");
        Assert.True(result.HasError(expectedIds),
            construct + " was rejected for an unexpected reason (expected " + string.Join(" or ", expectedIds) + "):\n" + result.Describe());
    }

    [Fact]
    public void MathMinCompilesOnlyWithTheSystemMathReference()
    {
        const string code = "using System; class C { int M(int a, int b) { return Math.Min(a, b) + Math.Max(a, b) + Math.Abs(a); } }";

        NanoCompileResult without = NanoCompiler.CompileSnippet(code, NanoCompiler.NanoProvReferences);
        NanoCompileResult with = NanoCompiler.CompileSnippet(code, NanoCompiler.NanoProvReferences.Append("System.Math").ToArray());

        Assert.True(without.HasError("CS0103"), without.Describe());
        Assert.True(with.Success, with.Describe());
    }

    [Fact]
    public void EncodingNeedsTheSystemTextReference()
    {
        const string code = "class C { byte[] M(string s) { return System.Text.Encoding.UTF8.GetBytes(s); } }";

        Assert.True(NanoCompiler.CompileSnippet(code, "mscorlib").HasError("CS0234"));
        Assert.True(NanoCompiler.CompileSnippet(code, "mscorlib", "nanoFramework.System.Text").Success);
    }

    [Fact]
    public void HashtableNeedsTheSystemCollectionsReference()
    {
        const string code = "class C { bool M(System.Collections.Hashtable h) { return h.Contains(\"k\"); } }";

        Assert.True(NanoCompiler.CompileSnippet(code, "mscorlib").HasError("CS0234"));
        Assert.True(NanoCompiler.CompileSnippet(code, "mscorlib", "nanoFramework.System.Collections").Success);
    }

    [Fact]
    public void CancellationTokenNeedsTheSystemThreadingReference()
    {
        const string code = "using System.Threading; class C { bool M() { var cts = new CancellationTokenSource(1000); return cts.Token.IsCancellationRequested; } }";

        Assert.True(NanoCompiler.CompileSnippet(code, NanoCompiler.NanoProvReferences).HasError("CS0246"));
        NanoCompileResult with = NanoCompiler.CompileSnippet(code, "mscorlib", "nanoFramework.System.Collections", "System.Threading");
        Assert.True(with.Success, with.Describe());
    }

    [Fact]
    public void DebugOnlyCodeIsCheckedInTheDebugConfiguration()
    {
        const string code = "class C { void M(string s) {\n#if DEBUG\n s = s.Replace(\"a\", \"b\");\n#endif\n } }";
        var sources = new[] { new NanoSource("debug.cs", code) };

        Assert.True(NanoCompiler.Compile("Probe", sources, NanoCompiler.NanoProvReferences, configuration: NanoCompiler.Release).Success);
        Assert.True(NanoCompiler.Compile("Probe", sources, NanoCompiler.NanoProvReferences, configuration: NanoCompiler.Debug).HasError("CS1061"));
    }

    [Fact]
    public void NanoFrameworkSymbolIsDefined()
    {
        const string code = "class C {\n#if NANOFRAMEWORK_1_0\n void Ok() { }\n#else\n void Broken() { undefined(); }\n#endif\n }";

        NanoCompileResult result = NanoCompiler.CompileSnippet(code);

        Assert.True(result.Success, result.Describe());
    }

    [Fact]
    public void LanguageVersionIsCSharp9()
    {
        // File-scoped namespaces are C# 10: a .nfproj (LangVersion 9.0 by default) rejects them.
        NanoCompileResult result = NanoCompiler.CompileSnippet("namespace N;\nclass C { }");

        Assert.True(result.HasError("CS8773"), result.Describe());
    }

    /// <summary>Positive control: idiomatic nanoFramework 1.x code (what the firmware is written in) compiles.</summary>
    [Fact]
    public void IdiomaticNanoFrameworkCodeCompiles()
    {
        const string code = @"
#nullable enable
using System;
using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace Control
{
    [Flags]
    public enum Caps { None = 0, Wifi = 1, Scan = 2 }

    public delegate void ChangedHandler(object sender, int state);

    public sealed class Options
    {
        public string Name { get; init; } = """";
        public int Retries { get; set; } = 3;
    }

    public static class Hex
    {
        private static readonly byte[] Table = { 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37 };

        public static string Of(this byte[] data, int offset, int count)
        {
            var sb = new StringBuilder(count * 2);
            for (int i = offset; i < offset + count; i++)
            {
                sb.Append(data[i].ToString(""X2""));
            }
            return sb.ToString();
        }
    }

    public sealed class Machine : IDisposable
    {
        private readonly object _lock = new object();
        private readonly Hashtable _sessions = new Hashtable();
        private readonly ArrayList _log = new ArrayList();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private Timer? _timer;
        private int _count;

        public event ChangedHandler? Changed;
        public event EventHandler? Stopped;

        public void Start()
        {
            _timer = new Timer(OnTick, null, 0, 1000);
            new Thread(Run).Start();
        }

        private void OnTick(object state) { Interlocked.Increment(ref _count); _signal.Set(); }

        private void Run()
        {
            while (_signal.WaitOne(Timeout.Infinite, false))
            {
                lock (_lock)
                {
                    Changed?.Invoke(this, _count);
                }
            }
        }

        public string Describe(string kind, byte[] body, int length)
        {
            switch (kind)
            {
                case ""proto-ver"": return ""v1"";
                case ""prov-session"": return ""s"";
                case ""prov-config"": return ""c"";
                case ""prov-scan"": return ""n"";
                case ""prov-ctrl"": return ""r"";
                case ""custom-data"": return ""d"";
                case ""other"": return ""o"";
                case ""more"": return ""m"";
            }

            string text = Encoding.UTF8.GetString(body, 0, length);
            if (!_sessions.Contains(kind))
            {
                _sessions.Add(kind, text);
            }

            foreach (DictionaryEntry entry in _sessions)
            {
                _log.Add(entry.Key);
            }

            foreach (char c in text)
            {
                if (c == ':') { break; }
            }

            string[] parts = text.Split(':');
            int port;
            if (parts.Length > 1 && int.TryParse(parts[1], out port))
            {
                text = $""{parts[0]} on {port,-6} ({_log.Count})"";
            }

            Debug.WriteLine(text);
            Console.WriteLine(text.Substring(0, 1) + typeof(Machine).Name + TimeSpan.FromMilliseconds(250).Ticks);
            return text.ToUpper().Trim();
        }

        public static bool ConstantTimeEquals(byte[] a, byte[] b)
        {
            if (a == null || b == null || a.Length != b.Length) { return false; }
            int diff = 0;
            for (int i = 0; i < a.Length; i++) { diff |= a[i] ^ b[i]; }
            return diff == 0;
        }

        public void Wipe(byte[] key) => Array.Clear(key, 0, key.Length);

        public void Dispose()
        {
            try
            {
                _timer?.Dispose();
            }
            catch (Exception e) when (e is InvalidOperationException)
            {
                throw new ObjectDisposedException(""machine"", e);
            }
            finally
            {
                Stopped?.Invoke(this, EventArgs.Empty);
            }
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int NativeSha256(byte[] data, int offset, int count, byte[] digest);
    }
}";

        NanoCompileResult result = NanoCompiler.CompileSnippet(code, NanoCompiler.NanoProvReferences);

        Assert.True(result.Success, "the positive control must compile:\n" + result.Describe());
    }
}
