using System.Text;
using NanoProv.Host.Gatt;
using NanoProv.Transports;
using Xunit;

namespace NanoProv.Ble.Tests;

public class AdvertisingPlanTests
{
    private static readonly BleUuid DefaultService = BleUuid.Parse(GattUuidPlan.EspDefaultServiceUuid);

    [Fact]
    public void Advertising_data_is_flags_then_the_one_128_bit_service_uuid()
    {
        var plan = AdvertisingPlan.Create(DefaultService, "PROV_A1B2C3", null);
        byte[] expected = Convert.FromHexString("020106" + "1107" + "07ed9b2d0f067c879b43436b4d247517");
        Assert.Equal(expected, plan.AdvertisingData());
        Assert.Equal(21, plan.AdvertisingData().Length);
    }

    [Fact]
    public void Scan_response_carries_the_complete_local_name()
    {
        var plan = AdvertisingPlan.Create(DefaultService, "PROV_A1B2C3", null);
        byte[] expected = [0x0C, 0x09, .. Encoding.ASCII.GetBytes("PROV_A1B2C3")];
        Assert.Equal(expected, plan.ScanResponseData());
        Assert.True(plan.NameHasPrefix("PROV_"));
        Assert.False(plan.NameHasPrefix("ESP_"));
    }

    [Fact]
    public void Manufacturer_data_follows_the_name_in_the_scan_response()
    {
        byte[] mfg = [0xE5, 0x02, 0x01, 0x02, 0x03];
        var plan = AdvertisingPlan.Create(DefaultService, "PROV_A1B2C3", mfg);
        byte[] expected = [0x0C, 0x09, .. Encoding.ASCII.GetBytes("PROV_A1B2C3"), 0x06, 0xFF, .. mfg];
        Assert.Equal(expected, plan.ScanResponseData());
        Assert.False(plan.ManufacturerDataTruncated);
        Assert.False(plan.ManufacturerDataOmitted);
    }

    [Fact]
    public void Long_manufacturer_data_is_cut_to_fit_31_bytes()
    {
        byte[] mfg = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        var plan = AdvertisingPlan.Create(DefaultService, "PROV_A1B2C3", mfg);
        byte[] sr = plan.ScanResponseData();
        Assert.Equal(31, sr.Length);
        Assert.True(plan.ManufacturerDataTruncated);
        // name AD = 13 bytes, mfg AD header 2 bytes, 16 data bytes
        Assert.Equal(17, sr[13]);
        Assert.Equal(0xFF, sr[14]);
        Assert.Equal(mfg[..16], sr[15..]);
        Assert.Equal(mfg[..16], plan.AdvertisedManufacturerData());
    }

    [Fact]
    public void Manufacturer_data_is_left_out_when_not_even_the_company_id_fits()
    {
        string name = "PROV_" + new string('X', 21); // 26 bytes: 28-byte name AD leaves 3 bytes, 1 for data
        var plan = AdvertisingPlan.Create(DefaultService, name, [0x01, 0x02, 0x03]);
        Assert.True(plan.ManufacturerDataOmitted);
        Assert.Null(plan.AdvertisedManufacturerData());
        Assert.Equal(28, plan.ScanResponseData().Length);
    }

    [Fact]
    public void A_29_byte_name_fills_the_scan_response_and_30_is_refused()
    {
        string name = "PROV_" + new string('Z', 24);
        var plan = AdvertisingPlan.Create(DefaultService, name, null);
        Assert.Equal(31, plan.ScanResponseData().Length);
        Assert.Throws<ArgumentException>(() => AdvertisingPlan.Create(DefaultService, name + "Z", null));
        Assert.Throws<ArgumentException>(() => AdvertisingPlan.Create(DefaultService, "", null));
        Assert.Throws<ArgumentNullException>(() => AdvertisingPlan.Create(DefaultService, null, null));
        Assert.Throws<ArgumentException>(() => AdvertisingPlan.Create(DefaultService, "PROV_1", [0x01]));
    }

    [Fact]
    public void Default_name_is_prefix_plus_last_three_mac_bytes_in_upper_case_hex()
    {
        Assert.Equal("PROV_A1B2C3", AdvertisingPlan.DefaultDeviceName("PROV_", [0x24, 0x0A, 0xC4, 0xA1, 0xB2, 0xC3]));
        Assert.Equal("PROV_0F1E2D", AdvertisingPlan.DefaultDeviceName(null, [0x0F, 0x1E, 0x2D]));
        Assert.Throws<ArgumentException>(() => AdvertisingPlan.DefaultDeviceName("PROV_", [1, 2]));
        Assert.Throws<ArgumentException>(() => AdvertisingPlan.DefaultDeviceName(new string('P', 24), [1, 2, 3]));
    }

    [Fact]
    public void A_scanner_parses_what_the_phone_apps_need()
    {
        var plan = AdvertisingPlan.Create(DefaultService, "PROV_A1B2C3", [0xE5, 0x02, 0x07]);
        var report = new AdvertisementReport(plan.AdvertisingData(), plan.ScanResponseData(), connectable: true);
        Assert.Equal((byte)0x06, report.Flags);
        Assert.Equal([DefaultService], report.ServiceUuids);
        Assert.Equal("PROV_A1B2C3", report.LocalName);
        Assert.Equal([0xE5, 0x02, 0x07], report.ManufacturerData);
        Assert.Equal(2, report.AdvertisingStructures.Count);
        Assert.Equal(2, report.ScanResponseStructures.Count);
    }

    [Fact]
    public void The_scanner_rejects_malformed_payloads()
    {
        Assert.Throws<FormatException>(() => AdvertisementReport.ParseStructures([0x05, 0x09, 0x41]));
        Assert.Throws<FormatException>(() => AdvertisementReport.ParseStructures(new byte[32]));
    }
}
