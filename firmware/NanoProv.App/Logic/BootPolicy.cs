namespace NanoProv.App
{
    /// <summary>What the firmware does first after boot.</summary>
    public enum BootStep
    {
        /// <summary>A network is stored: try it (with a timeout) before anything else.</summary>
        ConnectStored = 0,
        /// <summary>Nothing stored: start provisioning.</summary>
        Provision = 1
    }

    /// <summary>How the SoftAP must change for what the firmware wants next.</summary>
    public enum SoftApAction
    {
        /// <summary>Nothing to do.</summary>
        None = 0,
        /// <summary>Provisioning is wanted and the access point is not up: write its configuration and reboot.</summary>
        EnableAndReboot = 1,
        /// <summary>Provisioning is wanted and the access point is up: start DHCP and the HTTP server.</summary>
        Serve = 2,
        /// <summary>Provisioning is over but the access point still runs: disable it and reboot into station-only mode.</summary>
        DisableAndReboot = 3
    }

    /// <summary>
    /// The decisions of the boot flow as pure functions, so they are tested on the host:
    /// stored credentials, then a connection with a timeout, then (on failure or with nothing stored) provisioning with
    /// the configured transport; on nanoFramework the SoftAP comes and goes with a reboot.
    /// </summary>
    public static class BootPolicy
    {
        /// <summary>The first step after boot.</summary>
        public static BootStep First(bool hasStoredNetwork)
        {
            return hasStoredNetwork ? BootStep.ConnectStored : BootStep.Provision;
        }

        /// <summary>
        /// Whether provisioning runs after the stored-network attempt: always when it failed; when it succeeded only if
        /// the configuration keeps provisioning open while connected (prov-ctrl reprovisioning).
        /// </summary>
        public static bool ProvisionAfterConnect(bool connected, bool keepProvisioningWhileConnected)
        {
            return !connected || keepProvisioningWhileConnected;
        }

        /// <summary>The SoftAP change needed when provisioning is (or is not) wanted.</summary>
        public static SoftApAction ForSoftAp(bool provisioningWanted, bool accessPointRunning)
        {
            if (provisioningWanted)
            {
                return accessPointRunning ? SoftApAction.Serve : SoftApAction.EnableAndReboot;
            }

            return accessPointRunning ? SoftApAction.DisableAndReboot : SoftApAction.None;
        }
    }
}
