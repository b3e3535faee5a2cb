namespace NanoProv.Platform
{
    /// <summary>
    /// Persistent storage of the one Wi-Fi network the device joins at boot. The provisioning manager
    /// writes to it only after the station obtained an IP address with the new credentials, so a wrong
    /// password never replaces a working network.
    /// Implementations must never log or expose the passphrase.
    /// </summary>
    public interface ICredentialStore
    {
        /// <summary>Returns the stored network (a fresh object the caller may wipe), or null when nothing is stored.</summary>
        StoredNetwork Load();

        /// <summary>
        /// Replaces the stored network (atomically where the medium allows). The caller wipes
        /// <paramref name="network"/> after the call: copy what you keep, never keep the object.
        /// </summary>
        void Save(StoredNetwork network);

        /// <summary>Erases the stored network. Does nothing when nothing is stored.</summary>
        void Clear();
    }

    /// <summary>A Wi-Fi network as kept in an <see cref="ICredentialStore"/>.</summary>
    public sealed class StoredNetwork
    {
        /// <summary>Creates a stored network record. Arrays are copied.</summary>
        /// <param name="ssid">SSID bytes (1..32).</param>
        /// <param name="passphrase">Passphrase bytes; null or empty for an open network.</param>
        /// <param name="bssid">6-byte BSSID to lock onto, or null.</param>
        /// <param name="channel">Channel hint, 0 = any.</param>
        public StoredNetwork(byte[] ssid, byte[] passphrase, byte[] bssid, int channel)
        {
            Ssid = Copy(ssid);
            Passphrase = Copy(passphrase);
            Bssid = bssid == null || bssid.Length == 0 ? null : Copy(bssid);
            Channel = channel;
        }

        private static byte[] Copy(byte[] source)
        {
            if (source == null)
            {
                return new byte[0];
            }

            byte[] copy = new byte[source.Length];
            System.Array.Copy(source, copy, source.Length);
            return copy;
        }

        /// <summary>SSID bytes (never null).</summary>
        public byte[] Ssid { get; private set; }

        /// <summary>Passphrase bytes (never null; empty for an open network). Secret: never log it.</summary>
        public byte[] Passphrase { get; private set; }

        /// <summary>BSSID to lock onto, or null for any access point with the SSID.</summary>
        public byte[] Bssid { get; private set; }

        /// <summary>Channel hint; 0 means any.</summary>
        public int Channel { get; private set; }

        /// <summary>Overwrites the passphrase bytes with zeros.</summary>
        public void Wipe()
        {
            System.Array.Clear(Passphrase, 0, Passphrase.Length);
        }
    }
}
