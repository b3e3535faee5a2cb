using NanoProv.Transports;
using Xunit;

namespace NanoProv.Ble.Tests;

public class BleUuidTests
{
    [Fact]
    public void Parses_and_formats_the_canonical_text()
    {
        var uuid = BleUuid.Parse("1775244D-6B43-439B-877C-060F2D9BED07");
        Assert.Equal("1775244d-6b43-439b-877c-060f2d9bed07", uuid.ToString());
    }

    [Fact]
    public void Stores_the_bytes_in_over_the_air_order()
    {
        var uuid = BleUuid.Parse("1775244d-6b43-439b-877c-060f2d9bed07");
        Assert.Equal(Convert.FromHexString("07ed9b2d0f067c879b43436b4d247517"), uuid.ToLittleEndianBytes());
        Assert.Equal((ushort)0x244d, uuid.ShortId);
    }

    [Theory]
    [InlineData((ushort)0xFF51, "021aff51-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData((ushort)0xFF53, "021aff53-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData((ushort)0xFF52, "021aff52-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData((ushort)0xFF50, "021aff50-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData((ushort)0xFF4F, "021aff4f-0382-4aea-bff4-6b3f1c5adfb4")]
    [InlineData((ushort)0xFF54, "021aff54-0382-4aea-bff4-6b3f1c5adfb4")]
    public void Replacing_bytes_12_and_13_gives_the_ESP_characteristic_uuids(ushort id, string expected)
    {
        // Example pairs from ESP-IDF's wifi_prov_mgr example service (spec §4.2).
        var service = BleUuid.Parse("021a9004-0382-4aea-bff4-6b3f1c5adfb4");
        Assert.Equal(expected, service.WithShortId(id).ToString());
        Assert.Equal("021a9004-0382-4aea-bff4-6b3f1c5adfb4", service.ToString()); // unchanged
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1775244d6b43439b877c060f2d9bed07")]
    [InlineData("1775244d-6b43-439b-877c-060f2d9bed0")]
    [InlineData("1775244d-6b43-439b-877c-060f2d9bed0g")]
    [InlineData("1775244d+6b43-439b-877c-060f2d9bed07")]
    [InlineData("{1775244d-6b43-439b-877c-060f2d9bed0}")]
    public void Rejects_text_that_is_not_a_canonical_uuid(string text)
    {
        Assert.Null(BleUuid.TryParse(text));
        Assert.ThrowsAny<ArgumentException>(() => BleUuid.Parse(text));
    }

    [Fact]
    public void Short_ids_use_the_bluetooth_base_uuid()
    {
        Assert.Equal("00002901-0000-1000-8000-00805f9b34fb", BleUuid.FromShortId(0x2901).ToString());
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = BleUuid.Parse("021a9004-0382-4aea-bff4-6b3f1c5adfb4");
        var b = BleUuid.FromLittleEndian(a.ToLittleEndianBytes(), 0);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, a.WithShortId(0xFF51));
        Assert.Throws<ArgumentException>(() => BleUuid.FromLittleEndian(new byte[15], 0));
    }
}
