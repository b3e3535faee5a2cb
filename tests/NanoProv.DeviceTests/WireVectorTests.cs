using nanoFramework.TestFramework;
using NanoProv.Wire;

namespace NanoProv.DeviceTests
{
    /// <summary>
    /// The protobuf codec on the device runtime: messages of protobuf.json parse to the expected fields and serialise back
    /// byte for byte; malformed input raises ProtoException. Pure managed code, so these also run on the nanoCLR emulator.
    /// </summary>
    [TestClass]
    public class WireVectorTests
    {
        [TestMethod]
        public static void SetConfigParsesItsFields()
        {
            WiFiConfigPayload payload = WiFiConfigPayload.Parse(Bytes.Hex(DeviceVectors.PbSetConfig));

            Assert.IsTrue(payload.Msg == WiFiConfigMsgType.TypeCmdSetConfig);
            Assert.IsTrue(payload.PayloadCase == WiFiConfigPayload.PayloadOneofCase.CmdSetConfig);
            Bytes.Equal(new byte[] { 0x6d, 0x79, 0x73, 0x73, 0x69, 0x64 }, payload.CmdSetConfig.Ssid, "ssid");
            Assert.AreEqual(10, payload.CmdSetConfig.Passphrase.Length);
            Bytes.Equal(Bytes.Hex(DeviceVectors.PbSetConfig), payload.ToByteArray(), "re-encoded");
        }

        [TestMethod]
        public static void ConnectedStatusRoundTrips()
        {
            byte[] wire = Bytes.Hex(DeviceVectors.PbRespGetStatusConnected);
            WiFiConfigPayload payload = WiFiConfigPayload.Parse(wire);

            Assert.IsTrue(payload.RespGetStatus.StaState == WifiStationState.Connected);
            Assert.IsTrue(payload.RespGetStatus.StateCase == RespGetStatus.StateOneofCase.Connected);
            Assert.AreEqual("192.168.1.23", payload.RespGetStatus.Connected.Ip4Addr);
            Bytes.Equal(wire, payload.ToByteArray(), "re-encoded");
        }

        [TestMethod]
        public static void AuthErrorIsASelectedZeroThatStaysOnTheWire()
        {
            WiFiConfigPayload payload = new WiFiConfigPayload();
            payload.Msg = WiFiConfigMsgType.TypeRespGetStatus;
            RespGetStatus status = new RespGetStatus();
            status.StaState = WifiStationState.ConnectionFailed;
            status.FailReason = WifiConnectFailedReason.AuthError;
            payload.RespGetStatus = status;

            Bytes.Equal(Bytes.Hex(DeviceVectors.PbRespGetStatusAuthError), payload.ToByteArray(), "RespGetStatus AuthError");
        }

        [TestMethod]
        public static void ScanResultWithFourEntriesRoundTrips()
        {
            byte[] wire = Bytes.Hex(DeviceVectors.PbRespScanResult4);
            WiFiScanPayload payload = WiFiScanPayload.Parse(wire);

            Assert.AreEqual(4, payload.RespScanResult.Entries.Length);
            Bytes.Equal(wire, payload.ToByteArray(), "re-encoded");
        }

        [TestMethod]
        public static void SessionResponseRoundTrips()
        {
            byte[] wire = Bytes.Hex(DeviceVectors.PbSec1Resp0);
            SessionData data = SessionData.Parse(wire);

            Assert.IsTrue(data.SecVer == SecSchemeVersion.SecScheme1);
            Assert.IsTrue(data.ProtoCase == SessionData.ProtoOneofCase.Sec1);
            Bytes.Equal(wire, data.ToByteArray(), "re-encoded");
        }

        [TestMethod]
        public static void TruncatedInputRaisesProtoException()
        {
            byte[] wire = Bytes.Hex(DeviceVectors.PbSetConfig);
            bool thrown = false;
            try
            {
                WiFiConfigPayload.Parse(wire, 0, wire.Length - 3);
            }
            catch (ProtoException)
            {
                thrown = true;
            }

            Assert.IsTrue(thrown, "a cut message must raise ProtoException");
        }
    }
}
