using System;
using NanoProv.Platform;
using NanoProv.Wire;

namespace NanoProv.Security
{
    /// <summary>
    /// Security 2: SRP6a (RFC 5054 3072-bit group, SHA-512) through <see cref="ICrypto"/>, then AES-256-GCM with the
    /// first 32 bytes of K. The device stores only the salt and the verifier; the username is not checked directly,
    /// it enters the client proof M1. Random draws: Command0 draws the 32-byte SRP secret b; a successful Command1
    /// draws the 8-byte nonce prefix (<see cref="Security2Mode.Patch1"/>) or the 16-byte IV (<see cref="Security2Mode.Patch0Legacy"/>).
    /// </summary>
    public sealed class Security2 : ISecurityScheme
    {
        private readonly ICrypto _crypto;
        private readonly byte[] _salt;
        private readonly byte[] _verifier;
        private readonly Security2Mode _mode;

        /// <summary>
        /// Creates the scheme from the stored salt and verifier (copied; the verifier is big-endian, usually 384 bytes).
        /// </summary>
        public Security2(ICrypto crypto, byte[] salt, byte[] verifier, Security2Mode mode)
        {
            if (crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            if (salt == null || salt.Length == 0 || salt.Length > 65535)
            {
                throw new ArgumentException("salt must be 1..65535 bytes");
            }

            if (verifier == null || verifier.Length == 0 || verifier.Length > 384)
            {
                throw new ArgumentException("verifier must be 1..384 bytes");
            }

            if (mode != Security2Mode.Patch1 && mode != Security2Mode.Patch0Legacy)
            {
                throw new ArgumentException("unknown Security 2 mode");
            }

            _crypto = crypto;
            _salt = ByteUtil.Copy(salt, 0, salt.Length);
            _verifier = ByteUtil.Copy(verifier, 0, verifier.Length);
            _mode = mode;
        }

        /// <summary>The data-channel mode.</summary>
        public Security2Mode Mode { get { return _mode; } }

        /// <inheritdoc />
        public int Version { get { return 2; } }

        /// <inheritdoc />
        public int PatchVersion { get { return _mode == Security2Mode.Patch1 ? 1 : 0; } }

        /// <inheritdoc />
        public bool AdvertisesNoPop { get { return false; } }

        /// <inheritdoc />
        public ISecuritySession CreateSession(IRandom random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            return new Security2Session(_crypto, random, _salt, _verifier, _mode);
        }

        /// <inheritdoc />
        public bool IsHandshakeStart(byte[] data, int offset, int count)
        {
            SessionData message = HandshakeParser.TryParse(data, offset, count);
            return message != null
                && message.SecVer == SecSchemeVersion.SecScheme2
                && message.ProtoCase == SessionData.ProtoOneofCase.Sec2
                && message.Sec2.Msg == Sec2MsgType.S2Session_Command0;
        }
    }

    /// <summary>Handshake state machine and GCM channel of one Security 2 session.</summary>
    internal sealed class Security2Session : ISecuritySession
    {
        private const int PublicKeyLength = 384;
        private const int SecretLength = 32;
        private const int SessionKeyLength = 64;
        private const int ProofLength = 64;
        private const int NoncePrefixLength = 8;
        private const int MaxUsernameLength = 65535;

        private const int ExpectCommand0 = 0;
        private const int ExpectCommand1 = 1;
        private const int Established = 2;

        private readonly ICrypto _crypto;
        private readonly IRandom _random;
        private readonly byte[] _salt;
        private readonly byte[] _verifier;
        private readonly Security2Mode _mode;

        private int _state = ExpectCommand0;
        private byte[] _username;
        private byte[] _clientPublicKey;
        private byte[] _serverPublicKey;
        private byte[] _sessionKey;
        private GcmChannel _channel;
        private LegacyGcmChannel _legacyChannel;
        private bool _wiped;

        public Security2Session(ICrypto crypto, IRandom random, byte[] salt, byte[] verifier, Security2Mode mode)
        {
            _crypto = crypto;
            _random = random;
            _salt = salt;
            _verifier = verifier;
            _mode = mode;
        }

        public bool IsEstablished { get { return _state == Established && !_wiped; } }

        public bool IsAwaitingSecondHandshakeMessage { get { return _state == ExpectCommand1 && !_wiped; } }

        public bool RepeatedRequestIsRetry { get { return _mode == Security2Mode.Patch1; } }

        public byte[] HandleHandshake(byte[] data, int offset, int count, out int failure)
        {
            if (_wiped)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            SessionData request = HandshakeParser.TryParse(data, offset, count);
            if (request == null || request.SecVer != SecSchemeVersion.SecScheme2 || request.ProtoCase != SessionData.ProtoOneofCase.Sec2)
            {
                failure = SecurityFailure.MalformedMessage;
                return null;
            }

            Sec2Payload payload = request.Sec2;
            if (payload.Msg == Sec2MsgType.S2Session_Command0 && payload.PayloadCase == Sec2Payload.PayloadOneofCase.Sc0)
            {
                return Command0(payload.Sc0, out failure);
            }

            if (payload.Msg == Sec2MsgType.S2Session_Command1 && payload.PayloadCase == Sec2Payload.PayloadOneofCase.Sc1)
            {
                return Command1(payload.Sc1, out failure);
            }

            failure = SecurityFailure.MalformedMessage;
            return null;
        }

        private byte[] Command0(S2SessionCmd0 command, out int failure)
        {
            byte[] username = command.ClientUsername;
            byte[] clientPublicKey = command.ClientPubkey;
            if (clientPublicKey == null || clientPublicKey.Length != PublicKeyLength
                || username == null || username.Length == 0 || username.Length > MaxUsernameLength)
            {
                failure = SecurityFailure.InvalidParameters;
                return null;
            }

            // Computed into locals; only a fully valid Command0 replaces the session's state.
            byte[] secret = new byte[SecretLength];
            byte[] serverKeyBuffer = new byte[PublicKeyLength];
            byte[] sessionKey = new byte[SessionKeyLength];
            bool committed = false;
            try
            {
                _random.Fill(secret, 0, SecretLength);
                int length = _crypto.SrpServerPublicKey(_verifier, secret, serverKeyBuffer);
                if (length <= 0 || length > PublicKeyLength)
                {
                    failure = SecurityFailure.CryptoError;
                    return null;
                }

                byte[] serverPublicKey = ByteUtil.Copy(serverKeyBuffer, 0, length);
                int status = _crypto.SrpServerSessionKey(_verifier, secret, clientPublicKey, serverPublicKey, sessionKey);
                if (status == CryptoStatus.SrpBadPublicKey || status == CryptoStatus.SrpZeroScrambler || status == CryptoStatus.BadLength)
                {
                    failure = SecurityFailure.InvalidParameters;
                    return null;
                }

                if (status != CryptoStatus.Ok)
                {
                    failure = SecurityFailure.CryptoError;
                    return null;
                }

                ResetHandshake();
                _username = ByteUtil.Copy(username, 0, username.Length);
                _clientPublicKey = ByteUtil.Copy(clientPublicKey, 0, PublicKeyLength);
                _serverPublicKey = serverPublicKey;
                _sessionKey = sessionKey;
                _state = ExpectCommand1;
                committed = true;

                S2SessionResp0 response = new S2SessionResp0();
                response.Status = Status.Success;
                response.DevicePubkey = serverPublicKey;
                response.DeviceSalt = _salt;
                Sec2Payload payload = new Sec2Payload();
                payload.Msg = Sec2MsgType.S2Session_Response0;
                payload.Sr0 = response;
                SessionData reply = new SessionData();
                reply.SecVer = SecSchemeVersion.SecScheme2;
                reply.Sec2 = payload;
                failure = SecurityFailure.None;
                return reply.ToByteArray();
            }
            finally
            {
                ByteUtil.Wipe(secret);
                if (!committed)
                {
                    ByteUtil.Wipe(sessionKey);
                }
            }
        }

        private byte[] Command1(S2SessionCmd1 command, out int failure)
        {
            if (_state != ExpectCommand1)
            {
                failure = SecurityFailure.OutOfOrder;
                return null;
            }

            byte[] clientProof = command.ClientProof;
            if (clientProof == null || clientProof.Length != ProofLength)
            {
                failure = SecurityFailure.InvalidParameters;
                return null;
            }

            byte[] serverProof = new byte[ProofLength];
            int status = _crypto.SrpServerVerifyProof(_username, _salt, _clientPublicKey, _serverPublicKey, _sessionKey, clientProof, serverProof);
            if (status == CryptoStatus.AuthenticationFailed)
            {
                // Wrong username or password: forget this attempt; the client must start again with Command0.
                ResetHandshake();
                failure = SecurityFailure.CredentialsMismatch;
                return null;
            }

            if (status != CryptoStatus.Ok)
            {
                failure = SecurityFailure.CryptoError;
                return null;
            }

            byte[] aesKey = ByteUtil.Copy(_sessionKey, 0, 32);
            byte[] nonce;
            if (_mode == Security2Mode.Patch1)
            {
                byte[] prefix = new byte[NoncePrefixLength];
                _random.Fill(prefix, 0, NoncePrefixLength);
                _channel = new GcmChannel(_crypto, aesKey, prefix, 1);
                nonce = _channel.CurrentNonce();
            }
            else
            {
                nonce = new byte[LegacyGcmChannel.IvLength];
                _random.Fill(nonce, 0, LegacyGcmChannel.IvLength);
                _legacyChannel = new LegacyGcmChannel(_crypto, aesKey, nonce);
            }

            ByteUtil.Wipe(aesKey);
            ForgetHandshakeValues();
            _state = Established;

            S2SessionResp1 response = new S2SessionResp1();
            response.Status = Status.Success;
            response.DeviceProof = serverProof;
            response.DeviceNonce = nonce;
            Sec2Payload payload = new Sec2Payload();
            payload.Msg = Sec2MsgType.S2Session_Response1;
            payload.Sr1 = response;
            SessionData reply = new SessionData();
            reply.SecVer = SecSchemeVersion.SecScheme2;
            reply.Sec2 = payload;
            failure = SecurityFailure.None;
            return reply.ToByteArray();
        }

        public byte[] Decrypt(byte[] data, int offset, int count, out int failure)
        {
            if (!IsEstablished)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            return _channel != null
                ? _channel.Open(data, offset, count, out failure)
                : _legacyChannel.Open(data, offset, count, out failure);
        }

        public byte[] Encrypt(byte[] plaintext, out int failure)
        {
            if (!IsEstablished)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            return _channel != null
                ? _channel.Seal(plaintext, 0, plaintext.Length, out failure)
                : _legacyChannel.Seal(plaintext, 0, plaintext.Length, out failure);
        }

        private void ForgetHandshakeValues()
        {
            ByteUtil.Wipe(_sessionKey);
            ByteUtil.Wipe(_username);
            _sessionKey = null;
            _username = null;
            _clientPublicKey = null;
            _serverPublicKey = null;
        }

        private void ResetHandshake()
        {
            ForgetHandshakeValues();
            if (_channel != null)
            {
                _channel.Wipe();
                _channel = null;
            }

            if (_legacyChannel != null)
            {
                _legacyChannel.Wipe();
                _legacyChannel = null;
            }

            _state = ExpectCommand0;
        }

        public void Wipe()
        {
            ResetHandshake();
            _wiped = true;
        }
    }
}
