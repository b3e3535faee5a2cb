using System;
using NanoProv.Platform;
using NanoProv.Wire;

namespace NanoProv.Security
{
    /// <summary>
    /// Security 1: X25519 key agreement, optional proof of possession (the shared secret is XORed with
    /// SHA-256(PoP) when a non-empty PoP is configured) and one continuous AES-256-CTR keystream per session
    /// through both verify tokens and every request and reply.
    /// Random draws per Command0: the 32-byte device private key, then the 16-byte device random.
    /// </summary>
    public sealed class Security1 : ISecurityScheme
    {
        private readonly ICrypto _crypto;
        private readonly byte[] _popHash;
        private readonly bool _popConfigured;

        /// <summary>
        /// Creates the scheme. <paramref name="pop"/> null means "no PoP" (proto-ver then lists <c>no_pop</c>);
        /// an empty PoP is configured but does not change the key, exactly as ESP-IDF behaves. The PoP bytes are
        /// hashed here and not kept.
        /// </summary>
        public Security1(ICrypto crypto, byte[] pop)
        {
            if (crypto == null)
            {
                throw new ArgumentNullException("crypto");
            }

            _crypto = crypto;
            _popConfigured = pop != null;
            if (pop != null && pop.Length > 0)
            {
                _popHash = new byte[32];
                if (crypto.Sha256(pop, 0, pop.Length, _popHash) != CryptoStatus.Ok)
                {
                    throw new InvalidOperationException("SHA-256 failed");
                }
            }
        }

        /// <inheritdoc />
        public int Version { get { return 1; } }

        /// <inheritdoc />
        public int PatchVersion { get { return 0; } }

        /// <inheritdoc />
        public bool AdvertisesNoPop { get { return !_popConfigured; } }

        /// <inheritdoc />
        public ISecuritySession CreateSession(IRandom random)
        {
            if (random == null)
            {
                throw new ArgumentNullException("random");
            }

            return new Security1Session(_crypto, random, _popHash);
        }

        /// <inheritdoc />
        public bool IsHandshakeStart(byte[] data, int offset, int count)
        {
            SessionData message = HandshakeParser.TryParse(data, offset, count);
            return message != null
                && message.SecVer == SecSchemeVersion.SecScheme1
                && message.ProtoCase == SessionData.ProtoOneofCase.Sec1
                && message.Sec1.Msg == Sec1MsgType.Session_Command0;
        }
    }

    /// <summary>Handshake state machine and keystream of one Security 1 session.</summary>
    internal sealed class Security1Session : ISecuritySession
    {
        private const int KeyLength = 32;
        private const int RandomLength = 16;

        private const int ExpectCommand0 = 0;
        private const int ExpectCommand1 = 1;
        private const int Established = 2;

        private readonly ICrypto _crypto;
        private readonly IRandom _random;
        private readonly byte[] _popHash;

        private int _state = ExpectCommand0;
        private byte[] _clientPublicKey;
        private byte[] _devicePublicKey;
        private CtrStream _stream;
        private bool _wiped;

        public Security1Session(ICrypto crypto, IRandom random, byte[] popHash)
        {
            _crypto = crypto;
            _random = random;
            _popHash = popHash;
        }

        public bool IsEstablished { get { return _state == Established && !_wiped; } }

        public bool IsAwaitingSecondHandshakeMessage { get { return _state == ExpectCommand1 && !_wiped; } }

        public bool RepeatedRequestIsRetry { get { return true; } }

        public byte[] HandleHandshake(byte[] data, int offset, int count, out int failure)
        {
            if (_wiped)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            SessionData request = HandshakeParser.TryParse(data, offset, count);
            if (request == null || request.SecVer != SecSchemeVersion.SecScheme1 || request.ProtoCase != SessionData.ProtoOneofCase.Sec1)
            {
                failure = SecurityFailure.MalformedMessage;
                return null;
            }

            Sec1Payload payload = request.Sec1;
            if (payload.Msg == Sec1MsgType.Session_Command0 && payload.PayloadCase == Sec1Payload.PayloadOneofCase.Sc0)
            {
                return Command0(payload.Sc0, out failure);
            }

            if (payload.Msg == Sec1MsgType.Session_Command1 && payload.PayloadCase == Sec1Payload.PayloadOneofCase.Sc1)
            {
                return Command1(payload.Sc1, out failure);
            }

            failure = SecurityFailure.MalformedMessage;
            return null;
        }

        private byte[] Command0(SessionCmd0 command, out int failure)
        {
            byte[] clientPublicKey = command.ClientPubkey;
            if (clientPublicKey == null || clientPublicKey.Length != KeyLength)
            {
                failure = SecurityFailure.InvalidParameters;
                return null;
            }

            // Everything is computed into locals first: a Command0 that fails leaves the session as it was.
            byte[] privateKey = new byte[KeyLength];
            byte[] devicePublicKey = new byte[KeyLength];
            byte[] sessionKey = new byte[KeyLength];
            byte[] deviceRandom = new byte[RandomLength];
            try
            {
                _random.Fill(privateKey, 0, KeyLength);
                _random.Fill(deviceRandom, 0, RandomLength);

                if (_crypto.X25519PublicKey(privateKey, devicePublicKey) != CryptoStatus.Ok)
                {
                    failure = SecurityFailure.CryptoError;
                    return null;
                }

                int status = _crypto.X25519SharedSecret(privateKey, clientPublicKey, sessionKey);
                if (status == CryptoStatus.WeakPublicKey)
                {
                    failure = SecurityFailure.InvalidParameters;
                    return null;
                }

                if (status != CryptoStatus.Ok)
                {
                    failure = SecurityFailure.CryptoError;
                    return null;
                }

                if (_popHash != null)
                {
                    for (int i = 0; i < KeyLength; i++)
                    {
                        sessionKey[i] ^= _popHash[i];
                    }
                }

                CtrStream stream = new CtrStream(_crypto, sessionKey, deviceRandom);

                // Commit: a valid Command0 restarts the handshake in any state.
                ResetHandshake();
                _clientPublicKey = ByteUtil.Copy(clientPublicKey, 0, KeyLength);
                _devicePublicKey = devicePublicKey;
                _stream = stream;
                _state = ExpectCommand1;

                SessionResp0 response = new SessionResp0();
                response.Status = Status.Success;
                response.DevicePubkey = devicePublicKey;
                response.DeviceRandom = deviceRandom;
                Sec1Payload payload = new Sec1Payload();
                payload.Msg = Sec1MsgType.Session_Response0;
                payload.Sr0 = response;
                SessionData reply = new SessionData();
                reply.SecVer = SecSchemeVersion.SecScheme1;
                reply.Sec1 = payload;
                failure = SecurityFailure.None;
                return reply.ToByteArray();
            }
            finally
            {
                ByteUtil.Wipe(privateKey);
                ByteUtil.Wipe(sessionKey);
            }
        }

        private byte[] Command1(SessionCmd1 command, out int failure)
        {
            if (_state != ExpectCommand1)
            {
                failure = SecurityFailure.OutOfOrder;
                return null;
            }

            byte[] clientVerify = command.ClientVerifyData;
            if (clientVerify == null || clientVerify.Length != KeyLength)
            {
                failure = SecurityFailure.InvalidParameters;
                return null;
            }

            // Keystream bytes 0..31 decrypt the client's token; it must equal our public key.
            byte[] decrypted = ByteUtil.Copy(clientVerify, 0, KeyLength);
            if (_stream.Apply(decrypted, 0, KeyLength) != CryptoStatus.Ok)
            {
                failure = SecurityFailure.CryptoError;
                return null;
            }

            if (!ConstantTime.AreEqual(decrypted, _devicePublicKey))
            {
                // Wrong PoP. The stream is consumed, so the handshake has to start over with a new Command0.
                ResetHandshake();
                failure = SecurityFailure.CredentialsMismatch;
                return null;
            }

            // Keystream bytes 32..63 encrypt the client's public key as our token.
            byte[] deviceVerify = ByteUtil.Copy(_clientPublicKey, 0, KeyLength);
            if (_stream.Apply(deviceVerify, 0, KeyLength) != CryptoStatus.Ok)
            {
                ResetHandshake();
                failure = SecurityFailure.CryptoError;
                return null;
            }

            _state = Established;

            SessionResp1 response = new SessionResp1();
            response.Status = Status.Success;
            response.DeviceVerifyData = deviceVerify;
            Sec1Payload payload = new Sec1Payload();
            payload.Msg = Sec1MsgType.Session_Response1;
            payload.Sr1 = response;
            SessionData reply = new SessionData();
            reply.SecVer = SecSchemeVersion.SecScheme1;
            reply.Sec1 = payload;
            failure = SecurityFailure.None;
            return reply.ToByteArray();
        }

        public byte[] Decrypt(byte[] data, int offset, int count, out int failure)
        {
            return Transform(ByteUtil.Copy(data, offset, count), out failure);
        }

        public byte[] Encrypt(byte[] plaintext, out int failure)
        {
            return Transform(ByteUtil.Copy(plaintext, 0, plaintext.Length), out failure);
        }

        private byte[] Transform(byte[] buffer, out int failure)
        {
            if (!IsEstablished)
            {
                failure = SecurityFailure.NotEstablished;
                return null;
            }

            if (_stream.Apply(buffer, 0, buffer.Length) != CryptoStatus.Ok)
            {
                failure = SecurityFailure.CryptoError;
                return null;
            }

            failure = SecurityFailure.None;
            return buffer;
        }

        private void ResetHandshake()
        {
            if (_stream != null)
            {
                _stream.Wipe();
                _stream = null;
            }

            ByteUtil.Wipe(_clientPublicKey);
            ByteUtil.Wipe(_devicePublicKey);
            _clientPublicKey = null;
            _devicePublicKey = null;
            _state = ExpectCommand0;
        }

        public void Wipe()
        {
            ResetHandshake();
            _wiped = true;
        }
    }
}
