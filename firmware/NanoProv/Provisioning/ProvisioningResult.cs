namespace NanoProv.Provisioning
{
    /// <summary>
    /// Result of a manager command. The numbers equal the protocol's <c>Status</c> values the endpoints send.
    /// </summary>
    public enum ProvisioningResult
    {
        /// <summary>Done (wire Status.Success).</summary>
        Ok = 0,
        /// <summary>Rejected input; nothing changed (wire Status.InvalidArgument).</summary>
        InvalidArgument = 4,
        /// <summary>Not allowed in the current state, or the platform failed (wire Status.InternalError).</summary>
        InternalError = 5
    }

    /// <summary>Snapshot of what GetStatus reports.</summary>
    public sealed class ProvisioningStatus
    {
        internal ProvisioningStatus(ProvisioningState state, WifiProgress progress, int attemptsRemaining, NanoProv.Platform.WifiFailureReason reason, int rawReason, NanoProv.Platform.WifiConnectionInfo connection, byte[] ssid)
        {
            State = state;
            Progress = progress;
            AttemptsRemaining = attemptsRemaining;
            Reason = reason;
            RawReason = rawReason;
            Connection = connection;
            Ssid = ssid;
        }

        /// <summary>Manager state.</summary>
        public ProvisioningState State { get; private set; }

        /// <summary>Station progress.</summary>
        public WifiProgress Progress { get; private set; }

        /// <summary>Attempts still to come (AttemptFailed).</summary>
        public int AttemptsRemaining { get; private set; }

        /// <summary>Reason of the last failed attempt (AttemptFailed, Failed).</summary>
        public NanoProv.Platform.WifiFailureReason Reason { get; private set; }

        /// <summary>Raw driver reason of the last failed attempt.</summary>
        public int RawReason { get; private set; }

        /// <summary>Connection details (Connected), else null.</summary>
        public NanoProv.Platform.WifiConnectionInfo Connection { get; private set; }

        /// <summary>SSID of the connected network as applied by the client (Connected), else null.</summary>
        public byte[] Ssid { get; private set; }
    }
}
