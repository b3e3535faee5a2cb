using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>ProtoReader / ProtoWriter primitives: varint boundaries, every wire type, sizes matching writes.</summary>
public class ReaderWriterTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static IEnumerable<object[]> Int32Cases() => new[]
    {
        new object[] { 0, "" }, new object[] { 1, "0801" }, new object[] { 127, "087f" }, new object[] { 128, "088001" },
        new object[] { 16383, "08ff7f" }, new object[] { 16384, "08808001" }, new object[] { int.MaxValue, "08ffffffff07" },
        new object[] { -1, "08ffffffffffffffffff01" }, new object[] { -90, "08a6ffffffffffffffff01" },
        new object[] { int.MinValue, "0880808080f8ffffffff01" },
    };

    [Theory]
    [MemberData(nameof(Int32Cases))]
    public void Int32EncodingAndSize(int value, string hex)
    {
        byte[] buffer = new byte[16];
        var w = new ProtoWriter(buffer, 0, buffer.Length);
        w.WriteInt32(1, value, false);
        Assert.Equal(hex, Model.Hex(buffer.Take(w.Length).ToArray()));
        Assert.Equal(w.Length, ProtoWriter.SizeInt32(1, value, false));

        if (hex.Length > 0)
        {
            var r = new ProtoReader(H(hex), 0, hex.Length / 2);
            Assert.True(r.NextField());
            Assert.Equal(1, r.Field);
            Assert.Equal(ProtoReader.WireVarint, r.WireType);
            Assert.Equal(value, r.ReadInt32());
            Assert.False(r.NextField());
        }
    }

    [Fact]
    public void UInt32AndBoolAndForce()
    {
        byte[] buffer = new byte[32];
        var w = new ProtoWriter(buffer, 0, buffer.Length);
        w.WriteUInt32(2, uint.MaxValue, false);
        w.WriteUInt32(3, 0, false);
        w.WriteUInt32(3, 0, true);
        w.WriteBool(4, false, false);
        w.WriteBool(4, true, false);
        w.WriteBytes(5, null, true);
        w.WriteString(6, null, false);
        w.WriteString(6, "\u00e9", false);
        Assert.Equal("10ffffffff0f" + "1800" + "2001" + "2a00" + "3202c3a9", Model.Hex(buffer.Take(w.Length).ToArray()));
        Assert.Equal(6, ProtoWriter.SizeUInt32(2, uint.MaxValue, false));
        Assert.Equal(2, ProtoWriter.SizeUInt32(3, 0, true));
        Assert.Equal(0, ProtoWriter.SizeBool(4, false, false));
        Assert.Equal(2, ProtoWriter.SizeBytes(5, null, true));
        Assert.Equal(4, ProtoWriter.SizeString(6, "\u00e9", false));
    }

    [Fact]
    public void SkipsEveryWireTypeAndReadsSixtyFourBitVarints()
    {
        // field 1 varint (10 bytes), field 2 fixed64, field 3 length-delimited, field 4 fixed32, field 5 varint.
        byte[] data = H("08 ffffffffffffffffff01  11 0102030405060708  1a 03 aabbcc  25 01020304  28 2a");
        var r = new ProtoReader(data, 0, data.Length);
        int[] fields = new int[5];
        int[] wireTypes = new int[5];
        int n = 0;
        while (r.NextField())
        {
            fields[n] = r.Field;
            wireTypes[n] = r.WireType;
            n++;
            if (r.Field == 5)
            {
                Assert.Equal(42, r.ReadInt32());
            }
            else
            {
                r.SkipField();
            }
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, fields);
        Assert.Equal(new[] { 0, 1, 2, 5, 0 }, wireTypes);
        Assert.Equal(data.Length, r.Offset);

        // A 64-bit value decodes; int32/uint32 readers keep the low 32 bits.
        var big = new ProtoReader(H("08 8180808080808080 8001"), 0, 11);
        Assert.True(big.NextField());
        Assert.Equal(1, big.ReadInt32());
        var all = new ProtoReader(H("08 ffffffffffffffffff01"), 0, 11);
        Assert.True(all.NextField());
        Assert.Equal(uint.MaxValue, all.ReadUInt32());
        var b = new ProtoReader(H("08 8080808080808080 8001"), 0, 11);
        Assert.True(b.NextField());
        Assert.True(b.ReadBool()); // only bit 63 set: still true
    }

    [Fact]
    public void LargestFieldNumberRoundTrips()
    {
        const int max = (1 << 29) - 1;
        byte[] buffer = new byte[8];
        var w = new ProtoWriter(buffer, 0, buffer.Length);
        w.WriteUInt32(max, 7, false);
        Assert.Equal(ProtoWriter.SizeUInt32(max, 7, false), w.Length);
        var r = new ProtoReader(buffer, 0, w.Length);
        Assert.True(r.NextField());
        Assert.Equal(max, r.Field);
        Assert.Equal(7u, r.ReadUInt32());
    }

    [Fact]
    public void WriterRefusesToOverrunItsSlice()
    {
        var w = new ProtoWriter(new byte[4], 1, 2);
        w.WriteInt32(1, 1, false);
        Assert.Throws<InvalidOperationException>(() => w.WriteInt32(1, 1, false));
    }
}
