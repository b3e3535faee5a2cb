using nanoFramework.TestFramework;
using NanoProv.Protocomm;
using NanoProv.Security;

namespace NanoProv.DeviceTests
{
    /// <summary>
    /// Protocomm with Security 1 and Security 2 over the native crypto, fed the recorded client messages of the vectors
    /// with the device's secrets fixed: every handshake reply and the encrypted GetStatus reply must be byte-identical to
    /// what the vector (and esp_prov) expects. Skipped on firmware without the crypto interop.
    /// </summary>
    [TestClass]
    public class SecurityReplayTests
    {
        private static readonly byte[] SessionId = new byte[] { 0x00, 0x00, 0x00, 0x2A };

        [Setup]
        public static void RequireNativeCrypto()
        {
            DeviceCrypto.RequireNative();
        }

        [TestMethod]
        public static void Sec1HandshakeAndGetStatusAreByteIdentical()
        {
            ScriptedRandom random = new ScriptedRandom()
                .Then(SessionId)
                .Then(Bytes.Hex(DeviceVectors.Sec1DevicePrivateKey))
                .Then(Bytes.Hex(DeviceVectors.Sec1DeviceRandom));
            byte[] pop = new byte[] { 0x61, 0x62, 0x63, 0x64, 0x31, 0x32, 0x33, 0x34 };
            Protocomm.Protocomm device = NewDevice(new Security1(DeviceCrypto.Native, pop), random);

            Replay(device, DeviceVectors.Sec1Cmd0, DeviceVectors.Sec1Resp0, DeviceVectors.Sec1Cmd1, DeviceVectors.Sec1Resp1,
                DeviceVectors.Sec1GetStatusRequest, DeviceVectors.Sec1GetStatusResponse);
            Assert.AreEqual(0, random.Remaining);
        }

        [TestMethod]
        public static void Sec1WithAnotherPopRefusesTheClient()
        {
            ScriptedRandom random = new ScriptedRandom()
                .Then(SessionId)
                .Then(Bytes.Hex(DeviceVectors.Sec1DevicePrivateKey))
                .Then(Bytes.Hex(DeviceVectors.Sec1DeviceRandom));
            byte[] otherPop = new byte[] { 0x77, 0x72, 0x6f, 0x6e, 0x67 };
            Protocomm.Protocomm device = NewDevice(new Security1(DeviceCrypto.Native, otherPop), random);
            RequestOrigin origin = new RequestOrigin("conn-1", "192.168.4.2");

            ProtocommReply resp0 = Post(device, EndpointNames.Session, origin, DeviceVectors.Sec1Cmd0);
            Assert.IsTrue(resp0.Status == ProtocommStatus.Ok);
            ProtocommReply resp1 = Post(device, EndpointNames.Session, origin, DeviceVectors.Sec1Cmd1);
            Assert.IsTrue(resp1.Status == ProtocommStatus.Failed, "a client proving another PoP must be refused");
        }

        [TestMethod]
        public static void Sec2HandshakeAndGetStatusAreByteIdentical()
        {
            byte[] nonce = Bytes.Hex(DeviceVectors.Sec2DeviceNonce);
            ScriptedRandom random = new ScriptedRandom()
                .Then(SessionId)
                .Then(Bytes.Hex(DeviceVectors.Sec2B))
                .Then(Bytes.Slice(nonce, 0, 8));
            Security2 security = new Security2(DeviceCrypto.Native, Bytes.Hex(DeviceVectors.Sec2Salt), Bytes.Hex(DeviceVectors.Sec2Verifier),
                Security2Mode.Patch1);
            Protocomm.Protocomm device = NewDevice(security, random);

            Replay(device, DeviceVectors.Sec2Cmd0, DeviceVectors.Sec2Resp0, DeviceVectors.Sec2Cmd1, DeviceVectors.Sec2Resp1,
                DeviceVectors.Sec2GetStatusRequest, DeviceVectors.Sec2GetStatusResponse);
            Assert.AreEqual(0, random.Remaining);
        }

        private static Protocomm.Protocomm NewDevice(ISecurityScheme security, ScriptedRandom random)
        {
            Protocomm.Protocomm device = new Protocomm.Protocomm(new ProtocommOptions(), security, random, new FrozenClock(), null);
            device.RegisterEndpoint(EndpointNames.Config, new FixedStatusHandler());
            return device;
        }

        private static void Replay(Protocomm.Protocomm device, string cmd0, string resp0, string cmd1, string resp1, string request, string response)
        {
            RequestOrigin origin = new RequestOrigin("conn-1", "192.168.4.2");

            ProtocommReply reply0 = Post(device, EndpointNames.Session, origin, cmd0);
            Assert.IsTrue(reply0.Status == ProtocommStatus.Ok, "SessionCmd0");
            Assert.IsTrue(reply0.SessionCreated, "the first request creates the session");
            Bytes.Equal(Bytes.Hex(resp0), reply0.Body, "SessionResp0");

            origin.HasCookie = true;
            origin.CookieSessionId = reply0.SessionId;
            ProtocommReply reply1 = Post(device, EndpointNames.Session, origin, cmd1);
            Assert.IsTrue(reply1.Status == ProtocommStatus.Ok, "SessionCmd1");
            Bytes.Equal(Bytes.Hex(resp1), reply1.Body, "SessionResp1");

            ProtocommReply status = Post(device, EndpointNames.Config, origin, request);
            Assert.IsTrue(status.Status == ProtocommStatus.Ok, "GetStatus");
            Bytes.Equal(Bytes.Hex(response), status.Body, "encrypted RespGetStatus");
        }

        private static ProtocommReply Post(Protocomm.Protocomm device, string endpoint, RequestOrigin origin, string hex)
        {
            byte[] body = Bytes.Hex(hex);
            return device.Handle(endpoint, origin, body, 0, body.Length);
        }

        /// <summary>prov-config stand-in: answers GetStatus (52 00) with RespGetStatus Connecting, as the vectors record.</summary>
        private sealed class FixedStatusHandler : IRequestHandler
        {
            public byte[] HandleRequest(uint sessionId, byte[] request)
            {
                Bytes.Equal(Bytes.Hex(DeviceVectors.GetStatusPlain), request, "decrypted GetStatus");
                return Bytes.Hex(DeviceVectors.RespGetStatusConnectingPlain);
            }
        }
    }
}
