using System;
using System.Collections;
using System.Text;
using NanoProv.Security;

namespace NanoProv.Protocomm
{
    /// <summary>
    /// Builds the proto-ver reply: one JSON object with the application labels (in the order added) followed by
    /// <c>"prov": {"ver", "sec_ver", "sec_patch_ver", "cap"}</c>. Capabilities: <c>no_sec</c> for Security 0, else
    /// <c>no_pop</c> for Security 1 without PoP, then <c>wifi_scan</c>. The text uses the same layout as ESP-IDF's
    /// cJSON pretty printer (tabs, <c>"key":&lt;TAB&gt;value</c>), so even the bytes match an ESP device.
    /// </summary>
    public sealed class VersionInfo
    {
        /// <summary>The provisioning protocol version of ESP-IDF's wifi_provisioning manager.</summary>
        public const string DefaultProvisioningVersion = "v1.1";

        private readonly int _securityVersion;
        private readonly int _securityPatchVersion;
        private readonly bool _noProofOfPossession;
        private readonly ArrayList _apps = new ArrayList();
        private string _provisioningVersion = DefaultProvisioningVersion;
        private bool _wifiScan = true;
        private byte[] _cached;

        /// <summary>
        /// Creates the version info. <paramref name="noProofOfPossession"/> only matters for Security 1 (then
        /// <c>no_pop</c> is listed).
        /// </summary>
        public VersionInfo(int securityVersion, int securityPatchVersion, bool noProofOfPossession)
        {
            if (securityVersion < 0 || securityPatchVersion < 0)
            {
                throw new ArgumentException("versions must not be negative");
            }

            _securityVersion = securityVersion;
            _securityPatchVersion = securityPatchVersion;
            _noProofOfPossession = noProofOfPossession;
        }

        /// <summary>Creates the version info that matches a security scheme.</summary>
        public static VersionInfo ForScheme(ISecurityScheme scheme)
        {
            if (scheme == null)
            {
                throw new ArgumentNullException("scheme");
            }

            return new VersionInfo(scheme.Version, scheme.PatchVersion, scheme.AdvertisesNoPop);
        }

        /// <summary>The <c>prov.sec_ver</c> value.</summary>
        public int SecurityVersion { get { return _securityVersion; } }

        /// <summary>The <c>prov.sec_patch_ver</c> value.</summary>
        public int SecurityPatchVersion { get { return _securityPatchVersion; } }

        /// <summary>The <c>prov.ver</c> value (default "v1.1").</summary>
        public string ProvisioningVersion
        {
            get { return _provisioningVersion; }
            set
            {
                if (value == null)
                {
                    throw new ArgumentNullException("value");
                }

                _provisioningVersion = value;
                _cached = null;
            }
        }

        /// <summary>Whether <c>wifi_scan</c> is listed (default true, as ESP-IDF always lists it).</summary>
        public bool WifiScan
        {
            get { return _wifiScan; }
            set
            {
                _wifiScan = value;
                _cached = null;
            }
        }

        /// <summary>
        /// Adds an application label <c>label: {"ver": version, "cap": [capabilities]}</c> before <c>"prov"</c>
        /// (null capabilities are skipped). Adding a label again replaces it in place. "prov" is reserved.
        /// </summary>
        public void AddAppInfo(string label, string version, string[] capabilities)
        {
            if (label == null || label.Length == 0)
            {
                throw new ArgumentException("label must not be empty");
            }

            if (label == "prov")
            {
                throw new ArgumentException("the label prov is reserved");
            }

            if (version == null)
            {
                throw new ArgumentNullException("version");
            }

            AppLabel entry = new AppLabel();
            entry.Label = label;
            entry.Version = version;
            ArrayList caps = new ArrayList();
            if (capabilities != null)
            {
                for (int i = 0; i < capabilities.Length; i++)
                {
                    if (capabilities[i] != null)
                    {
                        caps.Add(capabilities[i]);
                    }
                }
            }

            entry.Capabilities = (string[])caps.ToArray(typeof(string));

            for (int i = 0; i < _apps.Count; i++)
            {
                if (((AppLabel)_apps[i]).Label == label)
                {
                    _apps[i] = entry;
                    _cached = null;
                    return;
                }
            }

            _apps.Add(entry);
            _cached = null;
        }

        /// <summary>The capabilities listed in <c>prov.cap</c>, in order.</summary>
        public string[] ProvCapabilities()
        {
            ArrayList caps = new ArrayList();
            if (_securityVersion == 0)
            {
                caps.Add("no_sec");
            }
            else if (_securityVersion == 1 && _noProofOfPossession)
            {
                caps.Add("no_pop");
            }

            if (_wifiScan)
            {
                caps.Add("wifi_scan");
            }

            return (string[])caps.ToArray(typeof(string));
        }

        /// <summary>The JSON text of the proto-ver reply.</summary>
        public string ToJson()
        {
            StringBuilder text = new StringBuilder();
            text.Append("{\n");
            for (int i = 0; i < _apps.Count; i++)
            {
                AppLabel app = (AppLabel)_apps[i];
                text.Append('\t');
                AppendString(text, app.Label);
                text.Append(":\t{\n\t\t\"ver\":\t");
                AppendString(text, app.Version);
                text.Append(",\n\t\t\"cap\":\t");
                AppendArray(text, app.Capabilities);
                text.Append("\n\t},\n");
            }

            text.Append("\t\"prov\":\t{\n\t\t\"ver\":\t");
            AppendString(text, _provisioningVersion);
            text.Append(",\n\t\t\"sec_ver\":\t");
            text.Append(_securityVersion.ToString());
            text.Append(",\n\t\t\"sec_patch_ver\":\t");
            text.Append(_securityPatchVersion.ToString());
            text.Append(",\n\t\t\"cap\":\t");
            AppendArray(text, ProvCapabilities());
            text.Append("\n\t}\n}");
            return text.ToString();
        }

        /// <summary>The UTF-8 bytes of <see cref="ToJson"/>, without a terminator. A new copy on every call.</summary>
        public byte[] ToBytes()
        {
            if (_cached == null)
            {
                _cached = Encoding.UTF8.GetBytes(ToJson());
            }

            return ByteUtil.Copy(_cached, 0, _cached.Length);
        }

        private static void AppendArray(StringBuilder text, string[] items)
        {
            text.Append('[');
            for (int i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                AppendString(text, items[i]);
            }

            text.Append(']');
        }

        private static void AppendString(StringBuilder text, string value)
        {
            text.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"':
                        text.Append("\\\"");
                        break;
                    case '\\':
                        text.Append("\\\\");
                        break;
                    case '\b':
                        text.Append("\\b");
                        break;
                    case '\f':
                        text.Append("\\f");
                        break;
                    case '\n':
                        text.Append("\\n");
                        break;
                    case '\r':
                        text.Append("\\r");
                        break;
                    case '\t':
                        text.Append("\\t");
                        break;
                    default:
                        if (c < ' ')
                        {
                            text.Append("\\u00");
                            text.Append(((int)c).ToString("X2"));
                        }
                        else
                        {
                            text.Append(c);
                        }

                        break;
                }
            }

            text.Append('"');
        }

        private sealed class AppLabel
        {
            public string Label;
            public string Version;
            public string[] Capabilities;
        }
    }
}
