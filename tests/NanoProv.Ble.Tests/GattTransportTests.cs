using System.Text;
using NanoProv.Host.Gatt;
using NanoProv.Platform;
using NanoProv.Transports;
using Xunit;

namespace NanoProv.Ble.Tests;

public class GattTransportTests
{
    [Fact]
    public void Endpoints_are_discovered_through_their_user_descriptions()
    {
        using var rig = new GattRig(extraEndpoints: ["zz-extra"]);
        using var link = rig.Connect();
        var service = BleUuid.Parse(GattUuidPlan.EspDefaultServiceUuid);
        Assert.Equal(service, link.ServiceUuid);
        Assert.Equal(
            ["custom-data", "proto-ver", "prov-config", "prov-ctrl", "prov-scan", "prov-session", "zz-extra"],
            link.Endpoints.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(service.WithShortId(0xFF51), link.Endpoints["prov-session"].Uuid);
        Assert.Equal(service.WithShortId(0xFF54), link.Endpoints["custom-data"].Uuid);
        Assert.Equal(service.WithShortId(0xFF55), link.Endpoints["zz-extra"].Uuid);
        Assert.All(link.Endpoints.Values, c => Assert.Equal(0x0A, c.Properties));
    }

    [Fact]
    public void Descriptor_values_are_the_exact_names_without_terminator()
    {
        using var rig = new GattRig();
        var descriptors = rig.Simulator.Attributes.Where(a => a.Kind == GattSimAttributeKind.UserDescription).Select(a => Encoding.ASCII.GetString(a.StaticValue)).ToList();
        Assert.Equal(["prov-ctrl", "prov-scan", "prov-session", "prov-config", "proto-ver", "custom-data"], descriptors);
    }

    [Fact]
    public void Security0_handshake_bytes_match_the_reference_encoding()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        Assert.Equal(GattRig.Sec0Response, link.Exchange("prov-session", GattRig.Sec0Request));
        Assert.NotNull(rig.Protocomm.Sessions.FindByConnection(rig.Simulator.ConnectionIds.Single()));
        Assert.StartsWith("ble:", rig.Simulator.ConnectionIds.Single());
    }

    [Fact]
    public void Reading_again_returns_the_same_stored_reply_and_reads_before_a_write_are_empty()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        ushort session = link.Endpoints["prov-session"].ValueHandle;
        Assert.Empty(link.Central.ReadLong(session));
        link.Central.WriteLong(session, GattRig.Sec0Request);
        Assert.Equal(GattRig.Sec0Response, link.Central.ReadLong(session));
        Assert.Equal(GattRig.Sec0Response, link.Central.ReadLong(session));
        Assert.Empty(link.Central.ReadLong(link.Endpoints["prov-config"].ValueHandle));
    }

    [Theory]
    [InlineData(LongWriteHandling.StackReassembles, 23)]
    [InlineData(LongWriteHandling.ApplicationReassembles, 23)]
    [InlineData(LongWriteHandling.StackReassembles, 517)]
    [InlineData(LongWriteHandling.ApplicationReassembles, 185)]
    public void Values_up_to_512_bytes_travel_both_ways(LongWriteHandling mode, int mtu)
    {
        using var rig = new GattRig(new GattSimOptions { LongWrites = mode });
        using var link = rig.Connect(mtu);
        Assert.Equal(mtu, link.Central.Mtu);
        link.Exchange("prov-session", GattRig.Sec0Request);

        byte[] request = Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray();
        rig.Custom.Reply = r => [.. r.Reverse(), .. r.Take(100)]; // 612-byte reply
        byte[] reply = link.Exchange("custom-data", request);

        Assert.Equal(1, rig.Custom.Calls);
        Assert.Equal(request, rig.Custom.Requests[0]);
        Assert.Equal([.. request.Reverse(), .. request.Take(100)], reply);
        int expectedPrepares = mtu - 3 >= 512 ? 0 : (512 + (mtu - 5) - 1) / (mtu - 5);
        Assert.Equal(expectedPrepares, link.Central.Sent(AttOpcode.PrepareWriteRequest));
        // One Read returns MTU-1 bytes, then Read Blob until a short chunk: ceil(612 / (MTU-1)) - 1 blobs.
        Assert.Equal((612 + mtu - 2) / (mtu - 1) - 1, link.Central.Sent(AttOpcode.ReadBlobRequest));
        // Read Requests: one per 0x2901 descriptor during discovery, then one per exchange (handshake + custom).
        Assert.Equal(link.Endpoints.Count + 2, link.Central.Sent(AttOpcode.ReadRequest));
    }

    [Fact]
    public void Every_read_blob_is_answered_from_the_full_stored_value()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = _ => Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        ushort handle = link.Endpoints["custom-data"].ValueHandle;
        link.Central.WriteLong(handle, [1]);
        int before = rig.Simulator.Statistics.ApplicationCallbacks;

        Assert.Equal(Enumerable.Range(40, 22).Select(i => (byte)i), link.Central.ReadBlob(handle, 40));
        Assert.Equal(Enumerable.Range(0, 22).Select(i => (byte)i), link.Central.Read(handle));
        Assert.Equal(Enumerable.Range(88, 12).Select(i => (byte)i), link.Central.ReadBlob(handle, 88));
        Assert.Empty(link.Central.ReadBlob(handle, 100));
        var e = Assert.Throws<AttErrorException>(() => link.Central.ReadBlob(handle, 101));
        Assert.Equal(AttErrorCode.InvalidOffset, e.ErrorCode);
        Assert.Equal(5, rig.Simulator.Statistics.ApplicationCallbacks - before); // one application read per PDU
        Assert.Equal(1, rig.Custom.Calls);
    }

    [Theory]
    [InlineData(LongWriteHandling.StackReassembles)]
    [InlineData(LongWriteHandling.ApplicationReassembles)]
    public void Over_long_writes_get_invalid_attribute_value_length(LongWriteHandling mode)
    {
        using var rig = new GattRig(new GattSimOptions { LongWrites = mode });
        using var link = rig.Connect(517);
        link.Exchange("prov-session", GattRig.Sec0Request);
        var e = Assert.Throws<AttErrorException>(() => link.Exchange("custom-data", new byte[513]));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, e.ErrorCode);
        Assert.Equal(0, rig.Custom.Calls);

        // The connection is still usable and nothing is left queued.
        Assert.Equal(GattRig.Sec0Response, link.Exchange("prov-session", GattRig.Sec0Request));
        Assert.Equal([0xEC, 0x05], link.Exchange("custom-data", [0x05]));
    }

    [Fact]
    public void A_transport_with_a_smaller_bound_refuses_longer_values()
    {
        using var rig = new GattRig(new GattSimOptions { LongWrites = LongWriteHandling.ApplicationReassembles }, o => o.MaxValueLength = 100);
        using var link = rig.Connect(23);
        link.Exchange("prov-session", GattRig.Sec0Request);
        var e = Assert.Throws<AttErrorException>(() => link.Exchange("custom-data", new byte[101]));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, e.ErrorCode);
        Assert.Equal(AttOpcode.PrepareWriteRequest, e.RequestOpcode);
        Assert.Equal(100 + 1, link.Exchange("custom-data", new byte[100]).Length);
    }

    [Fact]
    public void Empty_writes_get_invalid_attribute_value_length()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        var e = Assert.Throws<AttErrorException>(() => link.Central.WriteRequest(link.Endpoints["proto-ver"].ValueHandle, []));
        Assert.Equal(AttErrorCode.InvalidAttributeValueLength, e.ErrorCode);
    }

    [Fact]
    public void A_characteristic_whose_endpoint_is_gone_answers_attribute_not_found()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Protocomm.UnregisterEndpoint("custom-data");
        var e = Assert.Throws<AttErrorException>(() => link.Exchange("custom-data", [1, 2, 3]));
        Assert.Equal(AttErrorCode.AttributeNotFound, e.ErrorCode);
        Assert.Equal(link.Endpoints["custom-data"].ValueHandle, e.Handle);
    }

    [Fact]
    public void A_write_to_a_characteristic_outside_the_plan_answers_attribute_not_found()
    {
        using var rig = new GattRig();
        rig.Transport.OnConnected("ble:77");
        var foreign = BleUuid.Parse(GattUuidPlan.EspExampleServiceUuid).WithShortId(0xFF51);
        Assert.Equal(AttErrorCode.AttributeNotFound, rig.Transport.OnWrite("ble:77", foreign, [1], 0, 1));
        Assert.Equal(AttErrorCode.AttributeNotFound, rig.Transport.OnPrepareWrite("ble:77", foreign, 0, [1], 0, 1));
        Assert.Equal(AttErrorCode.AttributeNotFound, rig.Transport.OnRead("ble:77", foreign, out byte[] value));
        Assert.Null(value);
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
    }

    [Fact]
    public void Unknown_handles_and_read_only_attributes_are_refused_by_the_stack()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        var e = Assert.Throws<AttErrorException>(() => link.Central.WriteRequest(0x0999, [1]));
        Assert.Equal(AttErrorCode.InvalidHandle, e.ErrorCode);
        ushort descriptor = (ushort)(link.Endpoints["prov-session"].ValueHandle + 1);
        Assert.Equal("prov-session", Encoding.ASCII.GetString(link.Central.Read(descriptor)));
        e = Assert.Throws<AttErrorException>(() => link.Central.WriteRequest(descriptor, [1]));
        Assert.Equal(AttErrorCode.WriteNotPermitted, e.ErrorCode);
    }

    [Fact]
    public void A_protocomm_failure_answers_unlikely_error_and_clears_the_stale_reply()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        Assert.Equal([0xEC, 0x01], link.Exchange("custom-data", [0x01]));
        rig.Custom.Reply = _ => null;
        var e = Assert.Throws<AttErrorException>(() => link.Exchange("custom-data", [0x02]));
        Assert.Equal(AttErrorCode.UnlikelyError, e.ErrorCode);
        Assert.Equal(AttOpcode.WriteRequest, e.RequestOpcode);
        Assert.Empty(link.Central.ReadLong(link.Endpoints["custom-data"].ValueHandle));
    }

    [Fact]
    public void Disconnect_ends_the_session_and_drops_the_stored_replies()
    {
        using var rig = new GattRig();
        var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        string first = rig.Simulator.ConnectionIds.Single();
        Assert.Equal(1, rig.Protocomm.Sessions.Count);
        Assert.False(rig.Simulator.IsAdvertising);

        link.Dispose();
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
        Assert.Equal(0, rig.Transport.ConnectionCount);
        Assert.True(rig.Simulator.IsAdvertising);
        Assert.Throws<GattSimDisconnectedException>(() => link.Central.Read(1));

        using var again = rig.Connect();
        Assert.NotEqual(first, rig.Simulator.ConnectionIds.Single());
        Assert.Empty(again.Central.ReadLong(again.Endpoints["prov-session"].ValueHandle));
        Assert.Equal(GattRig.Sec0Response, again.Exchange("prov-session", GattRig.Sec0Request));
    }

    [Fact]
    public void A_device_side_disconnect_also_ends_the_session()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Simulator.Disconnect(rig.Simulator.ConnectionIds.Single());
        Assert.False(link.Central.IsConnected);
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
    }

    [Fact]
    public void Stop_disconnects_ends_sessions_and_releases_the_stack()
    {
        var rig = new GattRig();
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Transport.Stop();
        Assert.False(rig.Transport.IsRunning);
        Assert.False(rig.Simulator.IsRunning);
        Assert.Equal(1, rig.Simulator.StopCount);
        Assert.Empty(rig.Simulator.Attributes);
        Assert.False(link.Central.IsConnected);
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
        Assert.Null(rig.Simulator.Scan());
        rig.Transport.Stop(); // twice is fine
        Assert.Equal(1, rig.Simulator.StopCount);

        rig.Transport.Start(); // and BLE can come back
        using var again = rig.Connect();
        Assert.Equal(GattRig.Sec0Response, again.Exchange("prov-session", GattRig.Sec0Request));
    }

    [Fact]
    public void Starting_twice_is_refused()
    {
        using var rig = new GattRig();
        Assert.Throws<InvalidOperationException>(() => rig.Transport.Start());
    }

    [Fact]
    public void A_cancelled_long_write_runs_nothing()
    {
        using var rig = new GattRig(new GattSimOptions { LongWrites = LongWriteHandling.ApplicationReassembles });
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        ushort handle = link.Endpoints["custom-data"].ValueHandle;
        link.Central.PrepareWrite(handle, 0, new byte[18]);
        link.Central.ExecuteWrite(commit: false);
        Assert.Equal(0, rig.Custom.Calls);
        var e = Assert.Throws<AttErrorException>(() => link.Central.PrepareWrite(handle, 18, new byte[18]));
        Assert.Equal(AttErrorCode.InvalidOffset, e.ErrorCode); // the queue was dropped: offset 18 has nothing before it
    }

    [Theory]
    [InlineData(LongWriteHandling.StackReassembles)]
    [InlineData(LongWriteHandling.ApplicationReassembles)]
    public void Fragments_with_gaps_are_refused(LongWriteHandling mode)
    {
        using var rig = new GattRig(new GattSimOptions { LongWrites = mode });
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        ushort handle = link.Endpoints["custom-data"].ValueHandle;
        var e = Assert.ThrowsAny<AttErrorException>(() =>
        {
            link.Central.PrepareWrite(handle, 0, new byte[10]);
            link.Central.PrepareWrite(handle, 15, new byte[10]);
            link.Central.ExecuteWrite(commit: true);
        });
        Assert.Equal(AttErrorCode.InvalidOffset, e.ErrorCode);
        Assert.Equal(0, rig.Custom.Calls);
        link.Central.ExecuteWrite(commit: false);
        Assert.Equal([0xEC, 9], link.Exchange("custom-data", [9]));
    }

    [Fact]
    public void An_answer_slower_than_the_window_becomes_unlikely_error()
    {
        using var rig = new GattRig(new GattSimOptions { AnswerWindow = TimeSpan.FromMilliseconds(20) });
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = r => { Thread.Sleep(200); return r.ToArray(); };
        var e = Assert.Throws<AttErrorException>(() => link.Exchange("custom-data", [1]));
        Assert.Equal(AttErrorCode.UnlikelyError, e.ErrorCode);
        Assert.Equal(1, rig.Simulator.Statistics.LateAnswers);
    }

    [Fact]
    public void Slow_requests_are_logged_with_their_duration()
    {
        using var rig = new GattRig();
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = r => { rig.Clock.Advance(1500); return r.ToArray(); };
        link.Exchange("custom-data", [1]);
        Assert.Equal(1500, rig.Transport.LongestRequestMilliseconds);
        Assert.Contains(rig.Log.Lines, l => l.Level == LogLevel.Warning && l.Source == "gatt" && l.Message.Contains("1500 ms"));
    }

    [Fact]
    public void A_name_without_the_app_prefix_is_accepted_with_a_warning()
    {
        using var rig = new GattRig(configure: o => o.DeviceName = "kitchen-sensor");
        Assert.Equal("kitchen-sensor", rig.Simulator.Scan().LocalName);
        Assert.Contains(rig.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("prefix"));
    }

    [Fact]
    public void The_advertisement_seen_by_a_scanner_matches_the_plan()
    {
        using var rig = new GattRig(configure: o =>
        {
            o.ServiceUuid = BleUuid.Parse(GattUuidPlan.EspExampleServiceUuid);
            o.ManufacturerData = [0xE5, 0x02, 0xAA];
        });
        AdvertisementReport report = rig.Simulator.Scan();
        Assert.Equal(rig.Transport.Advertising.AdvertisingData(), report.AdvertisingData);
        Assert.Equal(rig.Transport.Advertising.ScanResponseData(), report.ScanResponse);
        Assert.Equal([BleUuid.Parse(GattUuidPlan.EspExampleServiceUuid)], report.ServiceUuids);
        Assert.Equal("PROV_A1B2C3", report.LocalName);
        using var link = rig.Connect();
        Assert.Equal(BleUuid.Parse(GattUuidPlan.EspExampleServiceUuid), link.ServiceUuid);
        Assert.Null(rig.Simulator.Scan()); // advertising stops while the one central is connected
    }
}
