using System;

namespace NanoProv.Protocomm
{
    /// <summary>Handler of <see cref="Protocomm.SecurityEvent"/>.</summary>
    public delegate void SecurityEventHandler(object sender, SecurityEventArgs e);

    /// <summary>
    /// A security-relevant event of the protocomm core. Carries identifiers and reason codes only, never keys,
    /// proofs, PoPs, passwords or plaintext.
    /// </summary>
    public sealed class SecurityEventArgs : EventArgs
    {
        internal SecurityEventArgs(uint sessionId, SecurityEventKind kind, int reason, string peerId, long backoffMilliseconds)
        {
            SessionId = sessionId;
            Kind = kind;
            Reason = reason;
            PeerId = peerId;
            BackoffMilliseconds = backoffMilliseconds;
        }

        /// <summary>The session concerned (0 when none).</summary>
        public uint SessionId { get; private set; }

        /// <summary>What happened.</summary>
        public SecurityEventKind Kind { get; private set; }

        /// <summary>A <see cref="NanoProv.Security.SecurityFailure"/> code for failures, else 0.</summary>
        public int Reason { get; private set; }

        /// <summary>The peer (IP address or BLE link) the request came from, when known.</summary>
        public string PeerId { get; private set; }

        /// <summary>For <see cref="SecurityEventKind.BackoffStarted"/> and rejections: remaining back-off in milliseconds.</summary>
        public long BackoffMilliseconds { get; private set; }
    }
}
