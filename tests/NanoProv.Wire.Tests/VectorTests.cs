using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// Every case of Vectors/protobuf.json (protoc-computed encodings): our parser decodes the hex into exactly
/// the listed field values, re-encodes it byte-identically, and building the message from the listed values
/// encodes to the same hex. Google.Protobuf must agree on the same bytes.
/// </summary>
public class VectorTests
{
    private static readonly JsonDocument Doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "protobuf.json")));

    public static IEnumerable<object[]> Cases() =>
        Doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    private static JsonElement Case(string name) =>
        Doc.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public void FileHasTheExpectedCases()
    {
        JsonElement cases = Doc.RootElement.GetProperty("cases");
        Assert.Equal(89, cases.GetArrayLength());
        var covered = cases.EnumerateArray().Select(c => c.GetProperty("message_type").GetString()).ToHashSet();
        foreach (string message in Model.Messages.Keys)
        {
            Assert.Contains(message, covered);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesAndReencodesByteIdentically(string name)
    {
        JsonElement c = Case(name);
        MessageDescriptor d = Model.Messages[c.GetProperty("message_type").GetString()!];
        byte[] wire = Convert.FromHexString(c.GetProperty("hex").GetString()!);
        Assert.Equal(c.GetProperty("length").GetInt32(), wire.Length);

        object parsed = Model.ParseOurs(d, wire);
        AssertMatches(d, parsed, c.GetProperty("fields"), d.Name);
        Assert.Equal(Model.Hex(wire), Model.Hex(Model.ToByteArray(parsed)));

        object built = Build(d, c.GetProperty("fields"));
        Assert.Equal(Model.Hex(wire), Model.Hex(Model.ToByteArray(built)));

        IMessage google = d.Parser.ParseFrom(wire);
        Assert.Equal(Model.Hex(wire), Model.Hex(google.ToByteArray()));
        Model.AssertSame(google, parsed);
    }

    [Fact]
    public void EnumTableMatchesGeneratedEnums()
    {
        foreach (JsonProperty e in Doc.RootElement.GetProperty("enums").EnumerateObject())
        {
            Type t = Model.OurAssembly.GetType("NanoProv.Wire." + e.Name) ?? throw new Xunit.Sdk.XunitException("no enum " + e.Name);
            Assert.True(t.IsEnum);
            var expected = e.Value.GetProperty("values").EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetInt32());
            var actual = Enum.GetNames(t).ToDictionary(n => n, n => (int)Enum.Parse(t, n));
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    /// <summary>Builds our message from the JSON field listing, through the public setters.</summary>
    private static object Build(MessageDescriptor d, JsonElement fields)
    {
        Type t = Model.OurType(d);
        object o = Activator.CreateInstance(t)!;
        foreach (JsonProperty jp in fields.EnumerateObject())
        {
            FieldDescriptor f = d.FindFieldByName(jp.Name) ?? throw new Xunit.Sdk.XunitException(d.Name + " has no field " + jp.Name);
            PropertyInfo p = Model.OurProperty(t, f);
            p.SetValue(o, Value(f, p.PropertyType, jp.Value));
        }

        return o;
    }

    private static object? Value(FieldDescriptor f, Type type, JsonElement v)
    {
        if (f.IsRepeated)
        {
            Type element = type.GetElementType()!;
            JsonElement[] items = v.EnumerateArray().ToArray();
            Array arr = Array.CreateInstance(element, items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                arr.SetValue(Build(f.MessageType, items[i]), i);
            }

            return arr;
        }

        return f.FieldType switch
        {
            FieldType.Int32 => v.GetInt32(),
            FieldType.UInt32 => v.GetUInt32(),
            FieldType.Bool => v.GetBoolean(),
            FieldType.Enum => Enum.Parse(type, v.GetString()!),
            FieldType.Bytes => Convert.FromHexString(v.GetString()!),
            FieldType.String => v.GetString(),
            FieldType.Message => Build(f.MessageType, v),
            _ => throw new NotSupportedException(f.FieldType.ToString()),
        };
    }

    /// <summary>
    /// Asserts the parsed object holds the listed values, every unlisted field is at its default, and each
    /// oneof selects exactly the listed member (or none).
    /// </summary>
    private static void AssertMatches(MessageDescriptor d, object o, JsonElement fields, string path)
    {
        Type t = Model.OurType(d);
        var listed = fields.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        foreach (OneofDescriptor oneof in d.Oneofs)
        {
            FieldDescriptor? member = oneof.Fields.FirstOrDefault(f => listed.ContainsKey(f.Name));
            Assert.True((member?.FieldNumber ?? 0) == Convert.ToInt32(Model.OurCaseProperty(t, oneof).GetValue(o)), path + "." + oneof.Name + " case");
        }

        foreach (FieldDescriptor f in d.Fields.InFieldNumberOrder())
        {
            PropertyInfo p = Model.OurProperty(t, f);
            object? actual = p.GetValue(o);
            string fp = path + "." + f.Name;
            if (!listed.TryGetValue(f.Name, out JsonElement v))
            {
                bool isDefault = actual switch
                {
                    null => true,
                    byte[] b => b.Length == 0,
                    string s => s.Length == 0,
                    Array a => a.Length == 0,
                    Enum e => Convert.ToInt64(e) == 0,
                    int i => i == 0,
                    uint u => u == 0,
                    bool b => !b,
                    _ => false,
                };
                Assert.True(isDefault, fp + " should be unset but is " + actual);
                continue;
            }

            if (f.IsRepeated)
            {
                JsonElement[] items = v.EnumerateArray().ToArray();
                var arr = (Array?)actual;
                Assert.Equal(items.Length, arr?.Length ?? 0);
                for (int i = 0; i < items.Length; i++)
                {
                    AssertMatches(f.MessageType, arr!.GetValue(i)!, items[i], fp + "[" + i + "]");
                }

                continue;
            }

            switch (f.FieldType)
            {
                case FieldType.Message:
                    Assert.True(actual != null, fp + " missing");
                    AssertMatches(f.MessageType, actual!, v, fp);
                    break;
                case FieldType.Bytes:
                    Assert.Equal(v.GetString(), Model.Hex((byte[]?)actual ?? Array.Empty<byte>()));
                    break;
                case FieldType.Enum:
                    Assert.Equal(Enum.Parse(p.PropertyType, v.GetString()!), actual);
                    break;
                case FieldType.String:
                    Assert.Equal(v.GetString(), (string?)actual ?? "");
                    break;
                default:
                    Assert.Equal(Value(f, p.PropertyType, v), actual);
                    break;
            }
        }
    }
}
