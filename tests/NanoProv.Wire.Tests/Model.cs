extern alias G;

using System.Collections;
using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// Reflection glue between the Google.Protobuf reference classes (extern alias G) and our generated
/// NanoProv.Wire classes. Field mapping is driven by Google's descriptors: proto field name -> PascalCase
/// property on our class; oneof name -> "&lt;Name&gt;Case" property.
/// </summary>
internal static class Model
{
    public static readonly Assembly OurAssembly = typeof(ProtoReader).Assembly;

    /// <summary>Every message type declared in protos/, by proto name, from the Google reference assembly.</summary>
    public static readonly IReadOnlyDictionary<string, MessageDescriptor> Messages = LoadMessages();

    public static IEnumerable<object[]> MessageNames() => Messages.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    private static Dictionary<string, MessageDescriptor> LoadMessages()
    {
        var result = new Dictionary<string, MessageDescriptor>(StringComparer.Ordinal);
        Assembly google = typeof(G::SessionData).Assembly;
        foreach (Type t in google.GetTypes().Where(t => typeof(IMessage).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var d = (MessageDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            result.Add(d.Name, d);
        }

        return result;
    }

    public static string Pascal(string snake) => NanoProv.ProtoGen.Emitter.PascalCase(snake);

    private static readonly Dictionary<string, Type> OurTypes = new();
    private static readonly Dictionary<string, Func<byte[], int, int, object>> Parsers = new();

    public static Type OurType(MessageDescriptor d)
    {
        lock (OurTypes)
        {
            if (!OurTypes.TryGetValue(d.Name, out Type? t))
            {
                t = OurAssembly.GetType("NanoProv.Wire." + d.Name) ?? throw new InvalidOperationException("no generated class for " + d.Name);
                OurTypes.Add(d.Name, t);
            }

            return t;
        }
    }

    public static PropertyInfo OurProperty(Type t, FieldDescriptor f) =>
        t.GetProperty(Pascal(f.Name)) ?? throw new InvalidOperationException(t.Name + " has no property for field " + f.Name);

    public static PropertyInfo OurCaseProperty(Type t, OneofDescriptor o) =>
        t.GetProperty(Pascal(o.Name) + "Case") ?? throw new InvalidOperationException(t.Name + " has no case property for oneof " + o.Name);

    /// <summary>Our static Parse(byte[], int, int) as a delegate (exceptions are not wrapped).</summary>
    public static Func<byte[], int, int, object> OurParser(MessageDescriptor d)
    {
        lock (Parsers)
        {
            if (!Parsers.TryGetValue(d.Name, out var parser))
            {
                MethodInfo m = OurType(d).GetMethod("Parse", new[] { typeof(byte[]), typeof(int), typeof(int) })!;
                parser = (Func<byte[], int, int, object>)Delegate.CreateDelegate(typeof(Func<byte[], int, int, object>), m);
                Parsers.Add(d.Name, parser);
            }

            return parser;
        }
    }

    public static object ParseOurs(MessageDescriptor d, byte[] data) => OurParser(d)(data, 0, data.Length);

    public static byte[] Serialize(object ours) => ProtoWriter.Serialize((IProtoMessage)ours);

    /// <summary>Calls the public ToByteArray() of a generated class.</summary>
    public static byte[] ToByteArray(object ours) => (byte[])ours.GetType().GetMethod("ToByteArray")!.Invoke(ours, null)!;

    // ---- random Google messages ----------------------------------------------------------------------

    public static IMessage RandomGoogle(MessageDescriptor d, Random rng, int depth = 0)
    {
        var m = (IMessage)Activator.CreateInstance(d.ClrType)!;
        foreach (FieldDescriptor f in d.Fields.InFieldNumberOrder())
        {
            if (f.ContainingOneof != null)
            {
                continue;
            }

            if (f.IsRepeated)
            {
                var list = (IList)f.Accessor.GetValue(m);
                int n = depth > 3 ? 0 : rng.Next(3) == 0 ? 0 : rng.Next(1, 5);
                for (int i = 0; i < n; i++)
                {
                    list.Add(RandomValue(f, rng, depth));
                }

                continue;
            }

            object? v = RandomValue(f, rng, depth);
            if (v != null)
            {
                f.Accessor.SetValue(m, v);
            }
        }

        foreach (OneofDescriptor o in d.Oneofs)
        {
            int pick = rng.Next(o.Fields.Count + 1);
            if (pick < o.Fields.Count)
            {
                FieldDescriptor f = o.Fields[pick];
                f.Accessor.SetValue(m, RandomValue(f, rng, depth, forceMessage: true)!);
            }
        }

        return m;
    }

    private static readonly int[] InterestingInts = { 0, 1, -1, -90, 127, 128, 255, 16383, 16384, int.MaxValue, int.MinValue, -128 };
    private static readonly uint[] InterestingUInts = { 0, 1, 127, 128, 300, 16384, 0x7FFFFFFF, 0x80000000, uint.MaxValue };
    private static readonly string[] SampleStrings = { "", "192.168.1.23", "10.0.0.1", "caf\u00e9", "\u20ac uro", "\ud83d\ude00 ok", "\u4e2d\u6587", "a" };

    public static object? RandomValue(FieldDescriptor f, Random rng, int depth, bool forceMessage = false)
    {
        switch (f.FieldType)
        {
            case FieldType.Int32:
                return rng.Next(3) switch
                {
                    0 => InterestingInts[rng.Next(InterestingInts.Length)],
                    1 => rng.Next(-200, 200),
                    _ => rng.Next(int.MinValue, int.MaxValue),
                };
            case FieldType.UInt32:
                return rng.Next(3) switch
                {
                    0 => InterestingUInts[rng.Next(InterestingUInts.Length)],
                    1 => (uint)rng.Next(0, 300),
                    _ => (uint)rng.NextInt64(0, 1L << 32),
                };
            case FieldType.Bool:
                return rng.Next(2) == 0;
            case FieldType.Enum:
            {
                IList<EnumValueDescriptor> values = f.EnumType.Values;
                int n = rng.Next(10) switch
                {
                    0 => rng.Next(values.Count, 1000), // outside the declared range
                    1 => -rng.Next(1, 5),               // negative: 10-byte varint
                    2 => 0,
                    _ => values[rng.Next(values.Count)].Number,
                };
                return Enum.ToObject(f.EnumType.ClrType, n);
            }
            case FieldType.Bytes:
            {
                int len = rng.Next(10) switch
                {
                    0 or 1 or 2 => 0,
                    3 => rng.Next(120, 400), // 2-byte length prefix
                    _ => rng.Next(1, 40),
                };
                byte[] b = new byte[len];
                rng.NextBytes(b);
                return ByteString.CopyFrom(b);
            }
            case FieldType.String:
                if (rng.Next(4) == 0)
                {
                    var sb = new StringBuilder();
                    int len = rng.Next(1, 200);
                    for (int i = 0; i < len; i++)
                    {
                        sb.Append(SampleStrings[rng.Next(SampleStrings.Length)]);
                    }

                    return sb.ToString();
                }

                return SampleStrings[rng.Next(SampleStrings.Length)];
            case FieldType.Message:
                if (!forceMessage && !f.IsRepeated && rng.Next(4) == 0)
                {
                    return null;
                }

                return RandomGoogle(f.MessageType, rng, depth + 1);
            default:
                throw new NotSupportedException(f.FieldType.ToString());
        }
    }

    // ---- Google -> ours (object construction through the public setters) ------------------------------

    public static object ToOurs(IMessage g, Random rng)
    {
        MessageDescriptor d = g.Descriptor;
        Type t = OurType(d);
        object o = Activator.CreateInstance(t)!;
        foreach (FieldDescriptor f in d.Fields.InFieldNumberOrder())
        {
            if (f.ContainingOneof != null && f.ContainingOneof.Accessor.GetCaseFieldDescriptor(g) != f)
            {
                continue;
            }

            PropertyInfo p = OurProperty(t, f);
            object gv = f.Accessor.GetValue(g);
            if (f.IsRepeated)
            {
                var list = (IList)gv;
                if (list.Count == 0)
                {
                    if (rng.Next(2) == 0)
                    {
                        p.SetValue(o, Array.CreateInstance(p.PropertyType.GetElementType()!, 0));
                    }

                    continue;
                }

                Array arr = Array.CreateInstance(p.PropertyType.GetElementType()!, list.Count);
                for (int i = 0; i < list.Count; i++)
                {
                    arr.SetValue(ToOurs((IMessage)list[i]!, rng), i);
                }

                p.SetValue(o, arr);
                continue;
            }

            switch (f.FieldType)
            {
                case FieldType.Int32:
                case FieldType.UInt32:
                case FieldType.Bool:
                    p.SetValue(o, gv);
                    break;
                case FieldType.Enum:
                    p.SetValue(o, Enum.ToObject(p.PropertyType, Convert.ToInt32(gv)));
                    break;
                case FieldType.Bytes:
                {
                    var bs = (ByteString)gv;
                    if (bs.Length > 0 || rng.Next(2) == 0)
                    {
                        p.SetValue(o, bs.ToByteArray());
                    }

                    break;
                }
                case FieldType.String:
                {
                    var s = (string)gv;
                    if (s.Length > 0 || rng.Next(2) == 0)
                    {
                        p.SetValue(o, s);
                    }

                    break;
                }
                case FieldType.Message:
                    if (gv != null)
                    {
                        p.SetValue(o, ToOurs((IMessage)gv, rng));
                    }

                    break;
                default:
                    throw new NotSupportedException(f.FieldType.ToString());
            }
        }

        return o;
    }

    // ---- field-by-field comparison --------------------------------------------------------------------

    /// <summary>Asserts that our object holds exactly the values of the Google message (null/empty equivalent).</summary>
    public static void AssertSame(IMessage g, object o, string path = "")
    {
        MessageDescriptor d = g.Descriptor;
        Type t = OurType(d);
        Assert.Equal(t, o.GetType());
        path = path.Length == 0 ? d.Name : path;
        foreach (OneofDescriptor oneof in d.Oneofs)
        {
            int gCase = oneof.Accessor.GetCaseFieldDescriptor(g)?.FieldNumber ?? 0;
            int oCase = Convert.ToInt32(OurCaseProperty(t, oneof).GetValue(o));
            if (gCase != oCase)
            {
                Assert.Fail(path + "." + oneof.Name + ": case " + oCase + ", expected " + gCase);
            }
        }

        foreach (FieldDescriptor f in d.Fields.InFieldNumberOrder())
        {
            string fp = path + "." + f.Name;
            object gv = f.Accessor.GetValue(g);
            object? ov = OurProperty(t, f).GetValue(o);
            if (f.IsRepeated)
            {
                var list = (IList)gv;
                var arr = (Array?)ov;
                Assert.True(list.Count == (arr?.Length ?? 0), fp + ": " + (arr?.Length ?? 0) + " elements, expected " + list.Count);
                for (int i = 0; i < list.Count; i++)
                {
                    AssertSame((IMessage)list[i]!, arr!.GetValue(i)!, fp + "[" + i + "]");
                }

                continue;
            }

            switch (f.FieldType)
            {
                case FieldType.Int32:
                case FieldType.UInt32:
                case FieldType.Bool:
                    if (!Equals(gv, ov))
                    {
                        Assert.Fail(fp + ": " + ov + ", expected " + gv);
                    }

                    break;
                case FieldType.Enum:
                    if (Convert.ToInt32(gv) != Convert.ToInt32(ov))
                    {
                        Assert.Fail(fp + ": " + Convert.ToInt32(ov) + ", expected " + Convert.ToInt32(gv));
                    }

                    break;
                case FieldType.Bytes:
                {
                    byte[] expected = ((ByteString)gv).ToByteArray();
                    byte[] actual = (byte[]?)ov ?? Array.Empty<byte>();
                    if (!expected.AsSpan().SequenceEqual(actual))
                    {
                        Assert.Fail(fp + ": " + Convert.ToHexString(actual) + ", expected " + Convert.ToHexString(expected));
                    }

                    break;
                }
                case FieldType.String:
                    if ((string)gv != ((string?)ov ?? ""))
                    {
                        Assert.Fail(fp + ": \"" + ov + "\", expected \"" + gv + "\"");
                    }

                    break;
                case FieldType.Message:
                    if (gv == null || ov == null)
                    {
                        Assert.True(gv == null && ov == null, fp + ": presence differs (ours " + (ov != null) + ", Google " + (gv != null) + ")");
                    }
                    else
                    {
                        AssertSame((IMessage)gv, ov, fp);
                    }

                    break;
                default:
                    throw new NotSupportedException(f.FieldType.ToString());
            }
        }
    }

    public static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();

    /// <summary>The repository root (holds protos/ and firmware/NanoProv/), found above the test binaries.</summary>
    public static string RepoRoot =>
        NanoProv.ProtoGen.Generator.FindRepoRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
}
