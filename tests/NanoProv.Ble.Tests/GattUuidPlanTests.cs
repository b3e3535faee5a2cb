using System.Text;
using NanoProv.Transports;
using Xunit;

namespace NanoProv.Ble.Tests;

public class GattUuidPlanTests
{
    private static readonly BleUuid DefaultService = BleUuid.Parse(GattUuidPlan.EspDefaultServiceUuid);

    [Fact]
    public void Default_service_is_ESP_IDFs()
    {
        Assert.Equal("1775244d-6b43-439b-877c-060f2d9bed07", new GattTransportOptions().ServiceUuid.ToString());
        Assert.Equal(512, new GattTransportOptions().MaxValueLength);
    }

    [Fact]
    public void Standard_endpoints_come_in_ESP_table_order_with_their_ids()
    {
        var plan = GattUuidPlan.Create(DefaultService, null, 512);
        Assert.Equal(5, plan.Count);
        string[] names = ["prov-ctrl", "prov-scan", "prov-session", "prov-config", "proto-ver"];
        string[] uuids =
        [
            "1775ff4f-6b43-439b-877c-060f2d9bed07",
            "1775ff50-6b43-439b-877c-060f2d9bed07",
            "1775ff51-6b43-439b-877c-060f2d9bed07",
            "1775ff52-6b43-439b-877c-060f2d9bed07",
            "1775ff53-6b43-439b-877c-060f2d9bed07",
        ];
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(names[i], plan[i].EndpointName);
            Assert.Equal(uuids[i], plan[i].Uuid.ToString());
            Assert.Equal((ushort)(0xFF4F + i), plan[i].ShortId);
            Assert.Equal(0x0A, plan[i].Properties);
            Assert.Equal(Encoding.ASCII.GetBytes(names[i]), plan[i].UserDescriptionBytes());
        }
    }

    [Fact]
    public void Custom_endpoints_count_up_from_FF54_in_registration_order()
    {
        var service = BleUuid.Parse(GattUuidPlan.EspExampleServiceUuid);
        var plan = GattUuidPlan.Create(service, ["custom-data", "alpha", "zeta"], 512);
        Assert.Equal(8, plan.Count);
        Assert.Equal("custom-data", plan[5].EndpointName);
        Assert.Equal("021aff54-0382-4aea-bff4-6b3f1c5adfb4", plan[5].Uuid.ToString());
        Assert.Equal("alpha", plan[6].EndpointName);
        Assert.Equal((ushort)0xFF55, plan[6].ShortId);
        Assert.Equal("zeta", plan[7].EndpointName);
        Assert.Equal((ushort)0xFF56, plan[7].ShortId);
        Assert.Same(plan[6], plan.FindByUuid(service.WithShortId(0xFF55)));
        Assert.Same(plan[7], plan.FindByName("zeta"));
        Assert.Null(plan.FindByUuid(service.WithShortId(0xFF57)));
        Assert.Null(plan.FindByUuid(DefaultService.WithShortId(0xFF51)));
    }

    [Theory]
    [InlineData("prov-session")]
    [InlineData("")]
    [InlineData("naïve")]
    public void Bad_custom_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => GattUuidPlan.Create(DefaultService, [name], 512));
    }

    [Fact]
    public void Duplicate_custom_names_and_bad_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GattUuidPlan.Create(DefaultService, ["a", "a"], 512));
        Assert.Throws<ArgumentException>(() => GattUuidPlan.Create(DefaultService, null, 0));
        Assert.Throws<ArgumentNullException>(() => GattUuidPlan.Create(null, null, 512));
    }
}
