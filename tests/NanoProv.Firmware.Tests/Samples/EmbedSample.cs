// Project references: NanoProv (the library), NanoProv.Crypto (NativeCrypto, the crypto interop) and NanoProv.Ble
// (NanoGattPeripheral; needs a firmware image with Bluetooth). A SoftAP-only device leaves NanoProv.Ble out.
using System.Threading;
using NanoProv.Nano;
using NanoProv.Platform;
using NanoProv.Provisioning;
using NanoProv.Transports;

namespace MyDevice
{
    public class Program
    {
        public static void Main()
        {
            ILog log = new NanoLog(LogLevel.Info);
            IClock clock = new NanoClock();
            NanoWifiStation station = new NanoWifiStation(null, log);
            NanoCredentialStore store = new NanoCredentialStore();

            ProvisioningOptions options = new ProvisioningOptions();
            options.ServiceName = "PROV_123456";          // shown by the ESP apps; keep the PROV_ prefix
            options.SecurityVersion = 2;                   // SRP6a + AES-GCM
            options.Sec2Salt = MySecrets.Sec2Salt;         // from: ProvCli sec2 gen-cred --username wifiprov --password ...
            options.Sec2Verifier = MySecrets.Sec2Verifier;
            options.AttemptTimeoutMs = 25000;              // WifiAdapter.Connect may block for 20 s

            ProvisioningService service = new ProvisioningService(options, new NativeCrypto() /* NanoProv.Crypto */,
                new NanoRandom(), clock, log, station, store, new NanoTimerService(log));

            GattTransportOptions ble = new GattTransportOptions();
            ble.DeviceName = options.ServiceName;
            GattTransport transport = new GattTransport(service.Protocomm, new NanoGattPeripheral(log) /* NanoProv.Ble */,
                ble, clock, log);

            service.Changed += (sender, e) =>
            {
                if (e.Kind == ProvisioningEventKind.Connected)
                {
                    log.Write(LogLevel.Info, "app", "online with IP " + e.Connection.Ip4Address);
                }
                else if (e.Kind == ProvisioningEventKind.Stopped)
                {
                    transport.Stop();                     // frees the BLE stack's memory
                }
            };

            if (service.IsProvisioned)
            {
                service.Manager.ConnectStoredNetwork();    // already provisioned: just join the stored network
            }
            else
            {
                service.Start();
                transport.Start();
            }

            Thread.Sleep(Timeout.Infinite);
        }
    }

    internal static class MySecrets
    {
        // Paste the output of "ProvCli sec2 gen-cred" here (these zero placeholders are not a valid verifier).
        public static readonly byte[] Sec2Salt = new byte[16];
        public static readonly byte[] Sec2Verifier = new byte[384];
    }
}
