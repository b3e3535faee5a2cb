using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// Targeted malformed inputs: each must raise exactly one ProtoException whose Offset points at the
/// offending byte (counted from the first byte handed to Parse), and never allocate in proportion to a
/// claimed length.
/// </summary>
public class HostileInputTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static ProtoException Fails(Action parse)
    {
        Exception? e = Record.Exception(parse);
        Assert.NotNull(e);
        return Assert.IsType<ProtoException>(e);
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        // message, hex, expected offset, words expected in the message
        new object[] { "SessionData", "52 05 a2", 1, "length" },                       // sub-message length past the end
        new object[] { "SessionData", "52", 1, "truncated varint" },                   // length missing
        new object[] { "CmdSetConfig", "0a 05 01 02", 1, "length" },                    // bytes length past the end
        new object[] { "CmdSetConfig", "0a ff ff ff ff 0f", 1, "length" },              // 4 GiB claim
        new object[] { "CmdSetConfig", "20", 1, "truncated varint" },                   // channel value missing
        new object[] { "CmdSetConfig", "20 80 80", 1, "truncated varint" },             // varint cut mid-way
        new object[] { "CmdSetConfig", "20 ff ff ff ff ff ff ff ff ff ff 01", 1, "longer than 10" }, // 11-byte varint
        new object[] { "CmdSetConfig", "ff ff ff ff ff ff ff ff ff ff 01", 0, "longer than 10" },    // overlong key
        new object[] { "CmdSetConfig", "80 80 80 80 80 01", 0, "wider than 32" },       // key beyond 32 bits
        new object[] { "CmdSetConfig", "0d 00 00 00 00", 0, "wire type" },              // ssid (bytes) sent as fixed32
        new object[] { "CmdSetConfig", "22 01 00", 0, "wire type" },                    // channel (int32) sent as bytes
        new object[] { "WiFiScanResult", "1a 01 00", 0, "wire type" },                  // rssi sent as bytes
        new object[] { "RespScanResult", "08 01", 0, "wire type" },                     // repeated message sent as varint
        new object[] { "SessionData", "10 01 5d 00 00 00 00", 2, "wire type" },         // sec1 sent as fixed32
        new object[] { "SessionData", "00 00", 0, "field number 0" },
        new object[] { "SessionData", "03", 0, "field number 0" },                      // group key with field 0: the number is checked first
        new object[] { "SessionData", "0b 0c", 0, "group" },                            // start group field 1
        new object[] { "SessionData", "0c", 0, "group" },                               // end group field 1
        new object[] { "SessionData", "0e 00", 0, "invalid wire type 6" },
        new object[] { "SessionData", "0f 00", 0, "invalid wire type 7" },
        new object[] { "SessionData", "39 01 02 03", 1, "truncated fixed" },          // unknown fixed64 with 3 bytes
        new object[] { "SessionData", "3d 01 02", 1, "truncated fixed" },               // unknown fixed32 with 2 bytes
        new object[] { "SessionData", "3a 7f", 1, "length" },                           // unknown length-delimited past the end
        new object[] { "WiFiScanResult", "18 ff ff ff ff ff ff ff ff ff", 1, "truncated varint" },  // 9 of 10 rssi bytes
        new object[] { "WifiConnectedState", "0a 02 c3 28", 2, "UTF-8" },               // invalid continuation byte
        new object[] { "WifiConnectedState", "0a 02 c0 80", 2, "UTF-8" },               // overlong encoding of NUL
        new object[] { "WifiConnectedState", "0a 03 ed a0 80", 2, "UTF-8" },            // UTF-16 surrogate
        new object[] { "WifiConnectedState", "0a 01 e2", 2, "UTF-8" },                  // truncated sequence
        new object[] { "WiFiConfigPayload", "08 01 5a 03 10 03 50", 7, "truncated varint" }, // nested: value cut at the end of RespGetStatus
        new object[] { "WiFiConfigPayload", "62 03 0a 05 41", 3, "length" },            // ssid length exceeds its CmdSetConfig
        new object[] { "WiFiScanPayload", "7a 03 0a 02 08", 3, "length" },              // entry longer than its parent
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MalformedInputRaisesProtoExceptionWithOffset(string message, string hex, int offset, string words)
    {
        byte[] data = H(hex);
        var parse = Model.OurParser(Model.Messages[message]);
        ProtoException e = Fails(() => parse(data, 0, data.Length));
        Assert.Equal(offset, e.Offset);
        Assert.Contains(words, e.Message, StringComparison.OrdinalIgnoreCase);

        // The same bytes embedded in a larger buffer give the same relative offset.
        byte[] padded = new byte[data.Length + 7];
        Array.Copy(data, 0, padded, 3, data.Length);
        ProtoException e2 = Fails(() => parse(padded, 3, data.Length));
        Assert.Equal(offset, e2.Offset);
    }

    [Fact]
    public void NegativeInt32IsATenByteVarint()
    {
        byte[] wire = H("18 a6 ff ff ff ff ff ff ff ff 01");
        WiFiScanResult r = WiFiScanResult.Parse(wire);
        Assert.Equal(-90, r.Rssi);
        Assert.Equal(wire, r.ToByteArray());

        // 64-bit varints are truncated to their low 32 bits, as protobuf specifies for int32.
        Assert.Equal(-90, WiFiScanResult.Parse(H("18 a6 ff ff ff 0f")).Rssi);
        Assert.Equal(1, WiFiScanResult.Parse(H("18 81 80 80 80 10")).Rssi);
        Assert.Equal(uint.MaxValue, CmdScanResult.Parse(H("08 ff ff ff ff ff ff ff ff ff 01")).StartIndex);
        // Non-canonical (padded) varints are accepted and re-encoded canonically.
        Assert.Equal("1005", Model.Hex(SessionData.Parse(H("10 85 80 80 00")).ToByteArray()));
    }

    [Fact]
    public void NullAndOutOfRangeArgumentsAreProtoExceptions()
    {
        Assert.Equal(0, Fails(() => SessionData.Parse(null!)).Offset);
        Assert.Equal(0, Fails(() => SessionData.Parse(null!, 0, 0)).Offset);
        Fails(() => SessionData.Parse(new byte[4], 3, 2));
        Fails(() => SessionData.Parse(new byte[4], -1, 2));
        Fails(() => SessionData.Parse(new byte[4], 1, -1));
        Fails(() => SessionData.Parse(new byte[4], 5, 0));
        Assert.Equal(SessionData.ProtoOneofCase.None, SessionData.Parse(new byte[4], 4, 0).ProtoCase);
    }

    [Fact]
    public void ParseStaysInsideTheGivenSlice()
    {
        // Bytes after the slice must never be read: the slice holds a complete empty message.
        byte[] data = H("08 01 5a 00 ff ff");
        WiFiConfigPayload p = WiFiConfigPayload.Parse(data, 0, 4);
        Assert.Equal(WiFiConfigPayload.PayloadOneofCase.RespGetStatus, p.PayloadCase);
        // And a length that reaches past the slice fails even though the array is long enough.
        Assert.Equal(1, Fails(() => WiFiConfigPayload.Parse(H("5a 02 10 01"), 0, 3)).Offset);
    }

    [Fact]
    public void HugeLengthClaimsDoNotAllocate()
    {
        string[] claims =
        {
            "0a ff ff ff ff 07",                   // bytes field claims 2 GiB
            "0a ff ff ff ff ff ff ff ff 7f",       // bytes field claims 2^63
            "52 ff ff ff ff 07 a2 01 00",          // sub-message claims 2 GiB
            "42 ff ff ff ff 07",                   // unknown field claims 2 GiB
        };
        foreach (string hex in claims)
        {
            byte[] data = H(hex);
            Fails(() => CmdSetConfig.Parse(data));   // warm up (JIT, exception machinery)
            Fails(() => SessionData.Parse(data));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                Fails(() => CmdSetConfig.Parse(data));
                Fails(() => SessionData.Parse(data));
            }

            long perParse = (GC.GetAllocatedBytesForCurrentThread() - before) / 20;
            Assert.True(perParse < 8 * 1024, hex + ": " + perParse + " bytes allocated per failed parse");
        }
    }

    [Fact]
    public void ValidParseAllocatesNoMoreThanTheMessageNeeds()
    {
        // A 4 KiB bytes field: the parse allocates the 4 KiB copy plus small objects, not a multiple of it.
        var big = new CmdSetConfig { Ssid = new byte[4096] };
        byte[] wire = big.ToByteArray();
        CmdSetConfig.Parse(wire);
        long before = GC.GetAllocatedBytesForCurrentThread();
        CmdSetConfig.Parse(wire);
        long used = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(used, 4096, 4096 + 512);
    }

    /// <summary>A self-nesting test message (the real schema nests at most 3 levels).</summary>
    private sealed class Nest : IProtoMessage
    {
        public Nest? Child;

        public int CalculateSize() => ProtoWriter.SizeMessage(1, Child);

        public void WriteTo(ProtoWriter writer) => writer.WriteMessage(1, Child);

        public void MergeFrom(ProtoReader reader)
        {
            while (reader.NextField())
            {
                if (reader.Field == 1)
                {
                    Child = (Nest)reader.ReadMessage(Child ?? new Nest());
                }
                else
                {
                    reader.SkipField();
                }
            }
        }
    }

    private static byte[] Nested(int levels)
    {
        var top = new Nest();
        Nest n = top;
        for (int i = 0; i < levels; i++)
        {
            n.Child = new Nest();
            n = n.Child;
        }

        return ProtoWriter.Serialize(top);
    }

    [Fact]
    public void NestingIsCappedAtMaxDepth()
    {
        Assert.Equal(16, ProtoReader.MaxDepth);
        byte[] ok = Nested(ProtoReader.MaxDepth);
        ProtoReader.ParseInto(new Nest(), ok, 0, ok.Length);

        byte[] deep = Nested(ProtoReader.MaxDepth + 1);
        ProtoException e = Fails(() => ProtoReader.ParseInto(new Nest(), deep, 0, deep.Length));
        Assert.Contains("nested deeper", e.Message);
        Assert.Equal(2 * ProtoReader.MaxDepth, e.Offset); // each level is a 2-byte header: 0a <len>

        byte[] veryDeep = Nested(1000);
        Fails(() => ProtoReader.ParseInto(new Nest(), veryDeep, 0, veryDeep.Length));
    }

    [Fact]
    public void DeeplyNestedUnknownDataIsSkippedWithoutRecursion()
    {
        // 1000 levels of nesting inside an unknown field (number 9) of SessionData: skipped as one blob.
        byte[] inner = Nested(1000);
        var w = new List<byte> { 0x4a };
        uint len = (uint)inner.Length;
        while (len >= 0x80)
        {
            w.Add((byte)(len | 0x80));
            len >>= 7;
        }

        w.Add((byte)len);
        w.AddRange(inner);
        w.AddRange(new byte[] { 0x10, 0x02 });
        SessionData s = SessionData.Parse(w.ToArray());
        Assert.Equal(SecSchemeVersion.SecScheme2, s.SecVer);
    }
}
