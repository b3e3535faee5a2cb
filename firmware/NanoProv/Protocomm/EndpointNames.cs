namespace NanoProv.Protocomm
{
    /// <summary>The standard endpoint names of ESP unified provisioning (HTTP path without the slash, BLE 0x2901 text).</summary>
    public static class EndpointNames
    {
        /// <summary>Version and capabilities JSON; always plaintext.</summary>
        public const string ProtoVer = "proto-ver";

        /// <summary>Security handshake; messages travel in clear.</summary>
        public const string Session = "prov-session";

        /// <summary>Wi-Fi configuration (GetStatus / SetConfig / ApplyConfig).</summary>
        public const string Config = "prov-config";

        /// <summary>Wi-Fi scan.</summary>
        public const string Scan = "prov-scan";

        /// <summary>Reset / reprovision control.</summary>
        public const string Ctrl = "prov-ctrl";

        /// <summary>True for the five names above.</summary>
        public static bool IsStandard(string name)
        {
            return name == ProtoVer || name == Session || name == Config || name == Scan || name == Ctrl;
        }
    }
}
