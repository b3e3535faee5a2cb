using NanoProv.Protocomm;

namespace NanoProv.Provisioning
{
    /// <summary>An application endpoint to register next to prov-config/prov-scan/prov-ctrl.</summary>
    public sealed class CustomEndpointRegistration
    {
        /// <summary>Creates a registration.</summary>
        public CustomEndpointRegistration(string name, IRequestHandler handler)
        {
            Name = name;
            Handler = handler;
        }

        /// <summary>Endpoint name (HTTP path without '/', BLE characteristic user description).</summary>
        public string Name { get; private set; }

        /// <summary>Handler receiving the decrypted request and returning the plaintext reply (null = failure).</summary>
        public IRequestHandler Handler { get; private set; }
    }

    /// <summary>An application label for the proto-ver JSON (ESP wifi_prov_mgr_set_app_info).</summary>
    public sealed class AppInfo
    {
        /// <summary>Creates an app info entry.</summary>
        public AppInfo(string label, string version, string[] capabilities)
        {
            Label = label;
            Version = version;
            Capabilities = capabilities == null ? new string[0] : capabilities;
        }

        /// <summary>Top-level JSON key.</summary>
        public string Label { get; private set; }

        /// <summary>"ver" value.</summary>
        public string Version { get; private set; }

        /// <summary>"cap" values.</summary>
        public string[] Capabilities { get; private set; }
    }
}
