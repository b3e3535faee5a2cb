using System.Text;
using NanoProv.Client;
using NanoProv.EndToEnd.Tests.Support;
using NanoProv.Provisioning;

namespace NanoProv.EndToEnd.Tests;

/// <summary>
/// ProvCli's client library against the simulator core over real loopback sockets, for Security 0, 1 and 2
/// and every available crypto provider of the device.
/// </summary>
public class ProvisioningFlowTests
{
    public static TheoryData<int, string> Cases() => Sim.SecurityAndCrypto();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Provisioning_succeeds_and_stores_the_network(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);

        var session = client.Connect();
        Assert.Equal(security, session.Security);
        var result = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll);

        Assert.Equal(ProvisionOutcome.Connected, result.Outcome);
        Assert.Equal("192.168.1.23", result.LastStatus.Connected.Ip4Address);
        Assert.Equal("HomeNet", result.LastStatus.Connected.Ssid);
        Assert.Equal(ProvisioningState.Succeeded, host.Service.Manager.State);
        var stored = host.Store.Load();
        Assert.NotNull(stored);
        Assert.Equal("HomeNet", Encoding.UTF8.GetString(stored.Ssid));
        Assert.Equal(1, Sim.TransportOf(client).ConnectionsOpened);
        Assert.Equal(1, host.Service.Protocomm.Sessions.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Wrong_password_then_right_one_in_the_same_session_without_restart(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);
        client.Connect();
        string cookie = Sim.TransportOf(client).Cookie;

        var wrong = client.Provision(WifiCredentials.FromText("HomeNet", "wrong-password"), Sim.FastPoll);
        Assert.Equal(ProvisionOutcome.AuthError, wrong.Outcome);
        Assert.Null(host.Store.Load());
        Assert.Equal(ProvisioningState.Failed, host.Service.Manager.State);

        var right = client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll);
        Assert.Equal(ProvisionOutcome.Connected, right.Outcome);
        Assert.Equal(cookie, Sim.TransportOf(client).Cookie);
        Assert.Equal(1, host.Service.Protocomm.Sessions.Count);
        Assert.Equal("homepass", Encoding.UTF8.GetString(host.Store.Load().Passphrase));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unknown_network_reports_network_not_found(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);
        var result = client.Provision(WifiCredentials.FromText("NoSuchNetwork", "whatever123"), Sim.FastPoll);
        Assert.Equal(ProvisionOutcome.NetworkNotFound, result.Outcome);
        Assert.Null(host.Store.Load());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Scan_lists_the_simulated_networks_strongest_first(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);
        client.Connect();
        var networks = client.Scan(Sim.FastScan);

        Assert.Equal(host.World.AccessPoints.Count, networks.Count);
        Assert.Equal(networks.OrderByDescending(n => n.Rssi).Select(n => n.Rssi), networks.Select(n => n.Rssi));
        var home = Assert.Single(networks, n => n.Ssid == "HomeNet");
        Assert.Equal(6u, home.Channel);
        Assert.Equal(-40, home.Rssi);
        Assert.Equal("240ac4000006", Convert.ToHexString(home.Bssid).ToLowerInvariant());
        Assert.Contains(networks, n => n.Ssid == "NanoProv-Edge-SSID-32-bytes-long");

        // The session still works for provisioning after the scan.
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("Office", "office-secret"), Sim.FastPoll).Outcome);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reset_is_refused_before_a_failure_and_accepted_after_one(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);
        client.Connect();

        Assert.Equal(DeviceStatus.InternalError, client.ResetProvisioning());
        Assert.Equal(ProvisionOutcome.AuthError, client.Provision(WifiCredentials.FromText("Office", "not-it-at-all"), Sim.FastPoll).Outcome);
        Assert.Equal(DeviceStatus.Success, client.ResetProvisioning());
        Assert.Equal(ProvisioningState.Started, host.Service.Manager.State);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("Office", "office-secret"), Sim.FastPoll).Outcome);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reprovision_replaces_a_working_network(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);

        Assert.Equal(DeviceStatus.Success, client.Reprovision());
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("Office", "office-secret"), Sim.FastPoll).Outcome);
        Assert.Equal("Office", Encoding.UTF8.GetString(host.Store.Load().Ssid));
    }

    [Fact]
    public void Reprovision_is_refused_when_the_device_stops_after_success()
    {
        using var host = Sim.Start(2, configure: o => { o.AutoStop = true; o.AutoStopDelayMs = 60_000; o.StopDelayAfterReportMs = 60_000; });
        using var client = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.Equal(DeviceStatus.InternalError, client.Reprovision());
    }

    [Fact]
    public void A_failed_reprovision_keeps_the_previous_working_network()
    {
        using var host = Sim.Start(1);
        using var client = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, client.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
        Assert.Equal(DeviceStatus.Success, client.Reprovision());
        Assert.Equal(ProvisionOutcome.AuthError, client.Provision(WifiCredentials.FromText("Office", "bad-office-pw"), Sim.FastPoll).Outcome);
        Assert.Equal("HomeNet", Encoding.UTF8.GetString(host.Store.Load().Ssid));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Custom_data_goes_through_the_session_both_ways(int security, string crypto)
    {
        using var host = Sim.Start(security, crypto);
        using var client = Sim.Client(host);
        client.Connect();
        byte[] reply = client.SendCustomData("custom-data", Encoding.UTF8.GetBytes("hello device"));
        Assert.Equal("SUCCESS\0", Encoding.ASCII.GetString(reply));
        Assert.Equal("hello device", Encoding.UTF8.GetString(Assert.Single(host.CustomDataReceived)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Wrong_pop_or_password_fails_the_handshake_and_the_device_stays_usable(int security)
    {
        using var host = Sim.Start(security);
        using (var bad = Sim.Client(host, pop: "wrong-pop-0000", password: "wrong-password"))
        {
            var e = Assert.ThrowsAny<ProvClientException>(() => bad.Connect());
            Assert.Contains(e.Kind, new[] { ProvErrorKind.Handshake, ProvErrorKind.DeviceClosedConnection });
        }

        using var good = Sim.Client(host);
        Assert.Equal(ProvisionOutcome.Connected, good.Provision(WifiCredentials.FromText("HomeNet", "homepass"), Sim.FastPoll).Outcome);
    }

    [Fact]
    public void Retry_cache_does_not_mistake_a_new_short_request_for_a_retry()
    {
        // 200,000 GetStatus polls on one Security 1 keep-alive session: about three ciphertexts repeat the previous
        // one by chance (2 bytes, p = 2^-16 per pair). Those are new requests on the same connection, never retries,
        // so every poll must succeed (before the fix, the reply cache answered them and broke the keystream).
        using var host = Sim.Start(1, world: Sim.InstantWorld());
        using var client = Sim.Client(host);
        client.Connect();
        for (int i = 0; i < 200_000; i++)
        {
            Assert.NotNull(client.GetWifiStatus());
        }
    }

    [Fact]
    public void Version_reply_advertises_the_configured_security()
    {
        for (int security = 0; security <= 2; security++)
        {
            using var host = Sim.Start(security);
            using var client = Sim.Client(host);
            var version = client.GetVersion();
            Assert.Equal("v1.1", version.ProvVersion);
            Assert.Equal(security, version.SecurityVersion);
            Assert.True(version.HasCapability("wifi_scan"));
        }
    }
}
