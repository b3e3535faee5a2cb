namespace NanoProv.App
{
    /// <summary>The radio side of one provisioning transport, as the firmware starts and stops it.</summary>
    public interface ITransportHost
    {
        /// <summary>
        /// Prepares the transport. Returns false when the device must reboot first (SoftAP: the access point was just
        /// configured); the caller then reboots and the next boot starts it.
        /// </summary>
        bool Prepare();

        /// <summary>Starts serving requests (after the provisioning service started).</summary>
        void Start();

        /// <summary>Stops serving requests and releases the radio resources it can.</summary>
        void Stop();

        /// <summary>
        /// Called after provisioning ended for good (success and window closed). Returns true when the device should
        /// reboot to leave the provisioning radio mode (SoftAP: the access point is switched off).
        /// </summary>
        bool Retire();
    }
}
