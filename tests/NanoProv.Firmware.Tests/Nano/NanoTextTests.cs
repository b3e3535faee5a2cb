using System.Text;
using Microsoft.CodeAnalysis;
using NanoProv.Firmware.Tests.NanoCheck;
using NanoProv.Nano;
using NanoProv.Platform;

namespace NanoProv.Firmware.Tests.Nano;

/// <summary>
/// The pure helpers of the device adapters (firmware/NanoProv/Nano/NanoText.cs, NanoSoftApSettings.cs), linked into
/// this host project: byte/string conversions, storage limits, BSSID parsing and the connect-status mapping.
/// </summary>
public class NanoTextTests
{
    [Fact]
    public void OnlyLosslessNulFreeUtf8TravelsAsText()
    {
        Assert.True(NanoText.TryDecodeExact(Encoding.UTF8.GetBytes("Café Wi-Fi"), out string text));
        Assert.Equal("Café Wi-Fi", text);
        Assert.True(NanoText.TryDecodeExact(Array.Empty<byte>(), out text));
        Assert.Equal("", text);

        Assert.False(NanoText.TryDecodeExact(new byte[] { 0x41, 0x00, 0x42 }, out _));   // embedded NUL
        Assert.False(NanoText.TryDecodeExact(new byte[] { 0xC3, 0x28 }, out _));          // invalid UTF-8
        Assert.False(NanoText.TryDecodeExact(new byte[] { 0xFF, 0xFE, 0x41 }, out _));
        Assert.False(NanoText.TryDecodeExact(null, out _));
    }

    [Fact]
    public void ScanSsidsLoseTheirNulPadding()
    {
        Assert.Equal("HomeNet", NanoText.CutAtNul("HomeNet\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"));
        Assert.Equal("", NanoText.CutAtNul("\0abc"));
        Assert.Equal("", NanoText.CutAtNul(null));
        Assert.Equal("abc", NanoText.CutAtNul("abc"));
    }

    [Theory]
    [InlineData("AA-BB-CC-01-02-03", new byte[] { 0xAA, 0xBB, 0xCC, 1, 2, 3 })]
    [InlineData("aa:bb:cc:dd:ee:ff", new byte[] { 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF })]
    public void BssidTextIsParsed(string text, byte[] expected)
    {
        Assert.Equal(expected, NanoText.ParseBssid(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("AA-BB-CC-01-02")]
    [InlineData("AA-BB-CC-01-02-0G")]
    [InlineData("AA_BB_CC_01_02_03")]
    public void BadBssidTextGivesNull(string text)
    {
        Assert.Null(NanoText.ParseBssid(text));
    }

    [Fact]
    public void StorageLimitsOfTheNativeConfigurationBlockAreChecked()
    {
        byte[] ssid31 = Encoding.ASCII.GetBytes(new string('s', 31));
        byte[] ssid32 = Encoding.ASCII.GetBytes(new string('s', 32));
        byte[] pass63 = Encoding.ASCII.GetBytes(new string('p', 63));
        byte[] pass64 = Encoding.ASCII.GetBytes(new string('p', 64));

        Assert.Null(NanoText.CheckStorable(ssid31, pass63));
        Assert.Null(NanoText.CheckStorable(ssid31, null));
        Assert.Contains("31", NanoText.CheckStorable(ssid32, pass63));
        string tooLong = NanoText.CheckStorable(ssid31, pass64);
        Assert.Contains("63", tooLong);
        Assert.DoesNotContain(new string('p', 8), tooLong); // never echoes the passphrase
        Assert.NotNull(NanoText.CheckStorable(Array.Empty<byte>(), pass63));
        Assert.NotNull(NanoText.CheckStorable(new byte[] { 0xC3, 0x28 }, pass63));
        Assert.NotNull(NanoText.CheckStorable(ssid31, new byte[] { 0x70, 0x00, 0x71 }));
    }

    [Fact]
    public void AssignedAddressesAreRecognised()
    {
        Assert.True(NanoText.IsAssignedIPv4("192.168.1.23"));
        Assert.False(NanoText.IsAssignedIPv4("0.0.0.0"));
        Assert.False(NanoText.IsAssignedIPv4(""));
        Assert.False(NanoText.IsAssignedIPv4(null));
    }

    [Fact]
    public void ConnectStatusMapsHonestlyAndUsesTheRealEnumNumbers()
    {
        // The numbers in NanoText are those of System.Device.Wifi.WifiConnectionStatus; read them from the NanoRef stub.
        var probe = NanoCompiler.Compile("Probe", new[] { new NanoSource("probe.cs", "class P { }") }, new[] { "mscorlib", "System.Device.Wifi" });
        Assert.True(probe.Success, probe.Describe());
        INamedTypeSymbol status = probe.Compilation.GetTypeByMetadataName("System.Device.Wifi.WifiConnectionStatus");
        int Value(string name) => (int)status.GetMembers(name).OfType<IFieldSymbol>().Single().ConstantValue;

        Assert.Equal(WifiFailureReason.AuthenticationFailed, NanoText.FailureFromConnectionStatus(Value("InvalidCredential")));
        Assert.Equal(WifiFailureReason.NetworkNotFound, NanoText.FailureFromConnectionStatus(Value("NetworkNotAvailable")));
        Assert.Equal(WifiFailureReason.AssociationTimeout, NanoText.FailureFromConnectionStatus(Value("Timeout")));
        Assert.Equal(WifiFailureReason.Other, NanoText.FailureFromConnectionStatus(Value("UnspecifiedFailure")));
        Assert.Equal(WifiFailureReason.AuthenticationFailed, NanoText.FailureFromConnectionStatus(Value("AccessRevoked")));
        Assert.Equal(WifiFailureReason.AuthenticationFailed, NanoText.FailureFromConnectionStatus(Value("UnsupportedAuthenticationProtocol")));
        Assert.Equal(WifiFailureReason.Other, NanoText.FailureFromConnectionStatus(99));
    }

    [Fact]
    public void SoftApSettingsFollowTheApBlockRules()
    {
        var s = new NanoSoftApSettings { Ssid = "PROV_1A2B3C" };
        Assert.Null(s.Validate());

        s.Passphrase = "short";
        Assert.Contains("8..63", s.Validate());
        s.Passphrase = "long enough";
        Assert.Null(s.Validate());
        s.Passphrase = "tab\tinside";
        Assert.Contains("printable", s.Validate());
        s.Passphrase = null;

        s.Ssid = new string('a', 32);
        Assert.NotNull(s.Validate());
        s.Ssid = "PROV_1A2B3C";
        s.Address = "192.168.4.256";
        Assert.NotNull(s.Validate());
        s.Address = "192.168.4.1";
        s.Channel = 14;
        Assert.NotNull(s.Validate());
    }

    [Theory]
    [InlineData("192.168.4.1", true)]
    [InlineData("255.255.255.0", true)]
    [InlineData("1.2.3", false)]
    [InlineData("1..2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("a.b.c.d", false)]
    public void DottedQuadCheck(string text, bool ok)
    {
        Assert.Equal(ok, NanoSoftApSettings.IsDottedQuad(text));
    }
}
