using NanoProv.Platform;

namespace NanoProv.Provisioning
{
    /// <summary>Kinds of <see cref="ProvisioningManager.Changed"/> events (one per transition).</summary>
    public enum ProvisioningEventKind
    {
        /// <summary>Entered Started: provisioning began, or CtrlReset / CtrlReprov returned to it (see PreviousState).</summary>
        Started = 0,
        /// <summary>ApplyConfig accepted: entered CredentialsReceived. Ssid is set.</summary>
        CredentialsReceived = 1,
        /// <summary>A connection attempt begins. Attempt and MaxAttempts are set.</summary>
        Connecting = 2,
        /// <summary>An attempt failed and another one follows. Reason, RawReason, AttemptsRemaining are set.</summary>
        AttemptFailed = 3,
        /// <summary>Every attempt failed: entered Failed. Reason and RawReason are set.</summary>
        Failed = 4,
        /// <summary>The station got an IP: entered Succeeded. Connection is set; credentials are stored.</summary>
        Connected = 5,
        /// <summary>Entered Stopping.</summary>
        Stopping = 6,
        /// <summary>Entered Stopped.</summary>
        Stopped = 7
    }

    /// <summary>Data of a provisioning event. Never carries the passphrase.</summary>
    public sealed class ProvisioningEventArgs
    {
        internal ProvisioningEventArgs(ProvisioningEventKind kind, ProvisioningState state, ProvisioningState previousState)
        {
            Kind = kind;
            State = state;
            PreviousState = previousState;
        }

        /// <summary>What happened.</summary>
        public ProvisioningEventKind Kind { get; private set; }

        /// <summary>State after the transition.</summary>
        public ProvisioningState State { get; private set; }

        /// <summary>State before the transition.</summary>
        public ProvisioningState PreviousState { get; private set; }

        /// <summary>SSID of the credentials concerned (CredentialsReceived .. Connected), else null.</summary>
        public byte[] Ssid { get; internal set; }

        /// <summary>1-based number of the attempt (Connecting, AttemptFailed, Failed, Connected).</summary>
        public int Attempt { get; internal set; }

        /// <summary>Configured attempts per Apply.</summary>
        public int MaxAttempts { get; internal set; }

        /// <summary>Attempts still to come (AttemptFailed).</summary>
        public int AttemptsRemaining { get; internal set; }

        /// <summary>Failure reason (AttemptFailed, Failed).</summary>
        public WifiFailureReason Reason { get; internal set; }

        /// <summary>Raw driver reason code (AttemptFailed, Failed), 0 when unknown.</summary>
        public int RawReason { get; internal set; }

        /// <summary>Connection details (Connected).</summary>
        public WifiConnectionInfo Connection { get; internal set; }
    }

    /// <summary>Handler of <see cref="ProvisioningManager.Changed"/>.</summary>
    public delegate void ProvisioningEventHandler(object sender, ProvisioningEventArgs e);
}
