extern alias G;

using Google.Protobuf;
using Google.Protobuf.Reflection;
using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// Byte compatibility with Google.Protobuf: for every message type, seeded random messages go
/// Google -> bytes -> ours and ours -> bytes -> Google, compared field by field and byte for byte.
/// </summary>
public class CrossCheckTests
{
    private const int CasesPerType = 1000;

    [Fact]
    public void EveryProtoMessageHasAGeneratedClass()
    {
        Assert.True(Model.Messages.Count >= 36, "expected every message of protos/, got " + Model.Messages.Count);
        foreach (MessageDescriptor d in Model.Messages.Values)
        {
            Type t = Model.OurType(d);
            Assert.True(t.IsSealed && t.IsPublic, d.Name);
            foreach (FieldDescriptor f in d.Fields.InDeclarationOrder())
            {
                Model.OurProperty(t, f);
            }

            foreach (OneofDescriptor o in d.Oneofs)
            {
                Model.OurCaseProperty(t, o);
            }
        }

        // And nothing extra: every generated message class corresponds to a proto message.
        IEnumerable<string> ours = Model.OurAssembly.GetTypes()
            .Where(t => t.Namespace == "NanoProv.Wire" && typeof(IProtoMessage).IsAssignableFrom(t) && !t.IsInterface)
            .Select(t => t.Name);
        Assert.Equal(Model.Messages.Keys.OrderBy(k => k, StringComparer.Ordinal), ours.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Model.MessageNames), MemberType = typeof(Model))]
    public void RandomMessagesRoundTripBothWays(string messageName)
    {
        MessageDescriptor d = Model.Messages[messageName];
        var rng = new Random(StableSeed(messageName));
        var seenCases = new HashSet<string>();
        for (int i = 0; i < CasesPerType; i++)
        {
            IMessage google = Model.RandomGoogle(d, rng);
            byte[] googleBytes = google.ToByteArray();

            // Google -> bytes -> ours.
            object parsed = Model.ParseOurs(d, googleBytes);
            Model.AssertSame(google, parsed);
            AssertBytes(googleBytes, Model.Serialize(parsed), messageName, i, "re-encoding of parsed Google bytes");

            // Ours (built through the public setters) -> bytes -> Google.
            object ours = Model.ToOurs(google, rng);
            byte[] ourBytes = Model.ToByteArray(ours);
            AssertBytes(googleBytes, ourBytes, messageName, i, "our encoding of the same values");
            IMessage back = d.Parser.ParseFrom(ourBytes);
            Assert.Equal(google, back);
            Model.AssertSame(back, ours);

            foreach (OneofDescriptor o in d.Oneofs)
            {
                seenCases.Add(o.Name + ":" + (o.Accessor.GetCaseFieldDescriptor(google)?.Name ?? "none"));
            }
        }

        // The random generator really covered every oneof member and the empty case.
        foreach (OneofDescriptor o in d.Oneofs)
        {
            Assert.Contains(o.Name + ":none", seenCases);
            foreach (FieldDescriptor f in o.Fields)
            {
                Assert.Contains(o.Name + ":" + f.Name, seenCases);
            }
        }
    }

    [Fact]
    public void SelectedOneofMembersWithZeroValuesAreEmittedLikeGoogle()
    {
        var google = new G::RespGetStatus { FailReason = G::WifiConnectFailedReason.AuthError };
        var ours = new RespGetStatus { FailReason = WifiConnectFailedReason.AuthError };
        Assert.Equal("5000", Model.Hex(google.ToByteArray()));
        Assert.Equal("5000", Model.Hex(ours.ToByteArray()));

        var googleEmpty = new G::WiFiCtrlPayload { RespCtrlReset = new G::RespCtrlReset() };
        var oursEmpty = new WiFiCtrlPayload { RespCtrlReset = new RespCtrlReset() };
        Assert.Equal(Model.Hex(googleEmpty.ToByteArray()), Model.Hex(oursEmpty.ToByteArray()));
        Assert.Equal("6200", Model.Hex(oursEmpty.ToByteArray()));
    }

    [Fact]
    public void UnknownEnumValuesSurviveBothWays()
    {
        var google = new G::WiFiScanResult { Auth = (G::WifiAuthMode)11, Rssi = -90 };
        WiFiScanResult ours = WiFiScanResult.Parse(google.ToByteArray());
        Assert.Equal(11, (int)ours.Auth);
        Assert.Equal(-90, ours.Rssi);
        Assert.Equal(google.ToByteArray(), ours.ToByteArray());
        Assert.Equal(google, G::WiFiScanResult.Parser.ParseFrom(ours.ToByteArray()));
    }

    [Fact]
    public void UnknownFieldsFromGoogleAreSkipped()
    {
        // A SessionData carrying every wire type as unknown fields (numbers 1, 3..9, 1000): ours must skip them.
        var output = new MemoryStream();
        var cos = new CodedOutputStream(output);
        cos.WriteTag(1, WireFormat.WireType.Varint);
        cos.WriteInt64(-5);
        cos.WriteTag(3, WireFormat.WireType.Fixed64);
        cos.WriteFixed64(0x1122334455667788);
        cos.WriteTag(4, WireFormat.WireType.LengthDelimited);
        cos.WriteBytes(ByteString.CopyFrom(1, 2, 3));
        cos.WriteTag(5, WireFormat.WireType.Fixed32);
        cos.WriteFixed32(0xdeadbeef);
        cos.WriteTag(2, WireFormat.WireType.Varint);
        cos.WriteEnum(2);
        cos.WriteTag(1000, WireFormat.WireType.LengthDelimited);
        cos.WriteString("ignored");
        cos.Flush();
        byte[] data = output.ToArray();

        SessionData ours = SessionData.Parse(data);
        Assert.Equal(SecSchemeVersion.SecScheme2, ours.SecVer);
        Assert.Equal(SessionData.ProtoOneofCase.None, ours.ProtoCase);
        Assert.Equal("1002", Model.Hex(ours.ToByteArray()));
        Assert.Equal(G::SecSchemeVersion.SecScheme2, G::SessionData.Parser.ParseFrom(data).SecVer);
    }

    private static void AssertBytes(byte[] expected, byte[] actual, string type, int index, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail(type + " case " + index + ", " + what + ":\n  got      " + Model.Hex(actual) + "\n  expected " + Model.Hex(expected));
        }
    }

    internal static int StableSeed(string text)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and seeds must be reproducible.
        uint h = 2166136261;
        foreach (char c in text)
        {
            h = (h ^ c) * 16777619;
        }

        return (int)(h & 0x7FFFFFFF);
    }
}
