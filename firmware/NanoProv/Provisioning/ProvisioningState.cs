namespace NanoProv.Provisioning
{
    /// <summary>
    /// States of the <see cref="ProvisioningManager"/>:
    /// Idle → Started → CredentialsReceived → (Failed | Succeeded) → Stopping → Stopped.
    /// Failed goes back to CredentialsReceived on a new SetConfig + Apply, or to Started on CtrlReset;
    /// any state but Idle/Stopped goes to Started on CtrlReprov (when auto-stop is disabled).
    /// </summary>
    public enum ProvisioningState
    {
        /// <summary>Constructed, never started.</summary>
        Idle = 0,
        /// <summary>Waiting for credentials (ESP STARTED).</summary>
        Started = 1,
        /// <summary>Credentials applied; connection attempts in progress (ESP CRED_RECV).</summary>
        CredentialsReceived = 2,
        /// <summary>Every attempt failed (ESP FAIL). New credentials are accepted in the same session.</summary>
        Failed = 3,
        /// <summary>The station got an IP address; credentials were stored (ESP SUCCESS).</summary>
        Succeeded = 4,
        /// <summary>Stop requested; endpoints still answer until the cleanup delay has passed.</summary>
        Stopping = 5,
        /// <summary>Stopped; endpoints removed. <see cref="ProvisioningManager.Start"/> may run again.</summary>
        Stopped = 6
    }

    /// <summary>What the station side of provisioning reports, as GetStatus maps it onto the wire.</summary>
    public enum WifiProgress
    {
        /// <summary>Nothing applied yet, or an attempt is running (wire: Connecting).</summary>
        Connecting = 0,
        /// <summary>An attempt failed and another follows (wire: Connecting + attempt_failed).</summary>
        AttemptFailed = 1,
        /// <summary>Connected with an IP (wire: Connected + connected{...}).</summary>
        Connected = 2,
        /// <summary>All attempts failed (wire: ConnectionFailed + fail_reason).</summary>
        Failed = 3
    }
}
