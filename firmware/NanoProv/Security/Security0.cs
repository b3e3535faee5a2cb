using NanoProv.Platform;
using NanoProv.Wire;

namespace NanoProv.Security
{
    /// <summary>
    /// Security 0: no encryption. The prov-session exchange is a single message that only checks
    /// <c>sec_ver == 0</c>; request endpoints work with or without it.
    /// </summary>
    public sealed class Security0 : ISecurityScheme
    {
        /// <summary>Creates the scheme.</summary>
        public Security0()
        {
        }

        /// <inheritdoc />
        public int Version { get { return 0; } }

        /// <inheritdoc />
        public int PatchVersion { get { return 0; } }

        /// <inheritdoc />
        public bool AdvertisesNoPop { get { return false; } }

        /// <inheritdoc />
        public ISecuritySession CreateSession(IRandom random)
        {
            return new Security0Session();
        }

        /// <inheritdoc />
        public bool IsHandshakeStart(byte[] data, int offset, int count)
        {
            SessionData message = HandshakeParser.TryParse(data, offset, count);
            return message != null && message.SecVer == SecSchemeVersion.SecScheme0;
        }
    }

    /// <summary>Per-session state of <see cref="Security0"/>: only whether the handshake message was seen.</summary>
    internal sealed class Security0Session : ISecuritySession
    {
        private bool _established;

        public bool IsEstablished { get { return _established; } }

        public bool IsAwaitingSecondHandshakeMessage { get { return false; } }

        public bool RepeatedRequestIsRetry { get { return false; } }

        public byte[] HandleHandshake(byte[] data, int offset, int count, out int failure)
        {
            SessionData request = HandshakeParser.TryParse(data, offset, count);
            if (request == null || request.SecVer != SecSchemeVersion.SecScheme0)
            {
                failure = SecurityFailure.MalformedMessage;
                return null;
            }

            S0SessionResp status = new S0SessionResp();
            status.Status = Status.Success;
            Sec0Payload payload = new Sec0Payload();
            payload.Msg = Sec0MsgType.S0_Session_Response;
            payload.Sr = status;
            SessionData reply = new SessionData();
            reply.SecVer = SecSchemeVersion.SecScheme0;
            reply.Sec0 = payload;

            _established = true;
            failure = SecurityFailure.None;
            return reply.ToByteArray();
        }

        public byte[] Decrypt(byte[] data, int offset, int count, out int failure)
        {
            failure = SecurityFailure.None;
            return ByteUtil.Copy(data, offset, count);
        }

        public byte[] Encrypt(byte[] plaintext, out int failure)
        {
            failure = SecurityFailure.None;
            return ByteUtil.Copy(plaintext, 0, plaintext.Length);
        }

        public void Wipe()
        {
            _established = false;
        }
    }
}
