using System;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using NanoProv.Platform;
using NanoProv.Transports;
using BleBuffer = nanoFramework.Device.Bluetooth.Buffer;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="IGattPeripheral"/> over nanoFramework.Device.Bluetooth (NimBLE on ESP32). Needs a firmware image
    /// with Bluetooth (ESP32_BLE_REV0, ESP32_BLE_REV3, ESP32_PSRAM_BLE_GenericGraphic_REV3, ESP32_S3_*, ESP32_C3, ...).
    /// <list type="bullet">
    /// <item>The device name is set on <see cref="BluetoothLEServer"/> before the advertising parameters are constructed
    /// (the library copies the name at construction time).</item>
    /// <item>The service and every characteristic (Read + Write, <c>UserDescription</c> = endpoint name, which makes
    /// the stack add the read-only 0x2901 descriptor, no static value so reads reach the handler) are created before
    /// <c>StartAdvertising</c>, which registers the whole table natively.</item>
    /// <item>Advertising is connectable (the library's default is not) and carries exactly the sections of
    /// <see cref="AdvertisingPlan"/> (custom advertisement: flags, the 128-bit service UUID, the name, manufacturer
    /// data). The library packs sections greedily into the 31-byte primary packet and moves the rest to the scan
    /// response, so the name lands in the scan response for names longer than 8 bytes ("PROV_" + 6 hex digits is
    /// 11) and short manufacturer data (up to 8 bytes) may ride in the primary packet; scanners merge both.</item>
    /// <item>Read and write events carry a null session, so the one connected central is tracked through the server
    /// session's status events (NimBLE stops advertising while a central is connected) and each connection gets a
    /// fresh id "ble:&lt;n&gt;".</item>
    /// <item>Long writes arrive already reassembled by NimBLE (up to 512 bytes); every read and read blob raises the
    /// read event again and NimBLE slices the returned value at the blob offset, so the full stored reply is returned
    /// each time.</item>
    /// <item>Handlers answer within nanoFramework's 2 s window: they only run protocomm work; the Wi-Fi connection
    /// is started asynchronously by the provisioning manager.</item>
    /// <item><see cref="Stop"/> stops advertising and disposes the BLE server, which shuts NimBLE down and gives its
    /// native heap back. Call it from an application thread, not from inside a BLE request.</item>
    /// </list>
    /// </summary>
    public sealed class NanoGattPeripheral : IGattPeripheral
    {
        private const string LogSource = "ble";

        private readonly object _sync = new object();
        private readonly ILog _log;
        private IGattRequestHandler _handler;
        private GattServiceProvider _provider;
        private GattSession _session;
        private GattLocalCharacteristic[] _characteristics;
        private BleUuid[] _uuids;
        private string _connectionId;
        private int _connectionCount;
        private bool _running;

        /// <summary>Creates the adapter; the BLE stack is touched only by <see cref="Start"/>.</summary>
        /// <param name="log">Log sink (may be null).</param>
        public NanoGattPeripheral(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public bool IsRunning
        {
            get { return _running; }
        }

        /// <inheritdoc />
        public void Start(GattUuidPlan service, AdvertisingPlan advertising, IGattRequestHandler handler)
        {
            if (service == null || advertising == null || handler == null)
            {
                throw new ArgumentNullException(service == null ? "service" : advertising == null ? "advertising" : "handler");
            }

            lock (_sync)
            {
                if (_running)
                {
                    throw new InvalidOperationException("BLE is already running");
                }

                _handler = handler;
                _connectionId = null;
                try
                {
                    BuildAndAdvertise(service, advertising);
                }
                catch (Exception)
                {
                    // Leave nothing half-built behind: a later Start begins from a fresh server.
                    Release();
                    _handler = null;
                    throw;
                }

                _running = true;
            }

            Log(LogLevel.Info, "advertising as " + advertising.DeviceName);
        }

        /// <inheritdoc />
        public void Stop()
        {
            IGattRequestHandler handler;
            string connectionId;
            lock (_sync)
            {
                if (!_running)
                {
                    return;
                }

                _running = false;
                handler = _handler;
                connectionId = _connectionId;
                _connectionId = null;
                Release();
                _handler = null;
            }

            if (connectionId != null && handler != null)
            {
                handler.OnDisconnected(connectionId);
            }

            Log(LogLevel.Info, "BLE stopped and released");
        }

        private void BuildAndAdvertise(GattUuidPlan service, AdvertisingPlan advertising)
        {
            // 1. The name first: the advertising parameters copy it when they are constructed.
            BluetoothLEServer server = BluetoothLEServer.Instance;
            server.DeviceName = advertising.DeviceName;

            // 2. The whole GATT table before advertising starts.
            GattServiceProviderResult created = GattServiceProvider.Create(ToGuid(service.ServiceUuid));
            if (created.Error != BluetoothError.Success || created.ServiceProvider == null)
            {
                throw new InvalidOperationException("BLE service could not be created");
            }

            _provider = created.ServiceProvider;
            _characteristics = new GattLocalCharacteristic[service.Count];
            _uuids = new BleUuid[service.Count];
            for (int i = 0; i < service.Count; i++)
            {
                GattCharacteristicPlan plan = service[i];
                GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
                parameters.CharacteristicProperties = GattCharacteristicProperties.Read | GattCharacteristicProperties.Write;
                parameters.UserDescription = plan.UserDescription;
                parameters.ReadProtectionLevel = GattProtectionLevel.Plain;
                parameters.WriteProtectionLevel = GattProtectionLevel.Plain;

                GattLocalCharacteristicResult result = _provider.Service.CreateCharacteristic(ToGuid(plan.Uuid), parameters);
                if (result.Error != BluetoothError.Success || result.Characteristic == null)
                {
                    throw new InvalidOperationException("BLE characteristic " + plan.EndpointName + " could not be created");
                }

                result.Characteristic.ReadRequested += OnReadRequested;
                result.Characteristic.WriteRequested += OnWriteRequested;
                _characteristics[i] = result.Characteristic;
                _uuids[i] = plan.Uuid;
            }

            // 3. Connections: requests carry no session, so follow the server session's status.
            _session = server.Session;
            _session.SessionStatusChanged += OnSessionStatusChanged;

            // 4. Advertising, built after the name was set: connectable, exactly the plan's sections.
            GattServiceProviderAdvertisingParameters advertisingParameters = new GattServiceProviderAdvertisingParameters();
            advertisingParameters.IsConnectable = true;
            advertisingParameters.CustomAdvertisement = true;
            AddSections(advertisingParameters.Advertisement, advertising.AdvertisingData());
            AddSections(advertisingParameters.Advertisement, advertising.ScanResponseData());
            _provider.StartAdvertising(advertisingParameters);
        }

        /// <summary>Unhooks every event, stops advertising and disposes the BLE server (NimBLE down, native heap back).</summary>
        private void Release()
        {
            if (_session != null)
            {
                _session.SessionStatusChanged -= OnSessionStatusChanged;
                _session = null;
            }

            if (_characteristics != null)
            {
                for (int i = 0; i < _characteristics.Length; i++)
                {
                    if (_characteristics[i] != null)
                    {
                        _characteristics[i].ReadRequested -= OnReadRequested;
                        _characteristics[i].WriteRequested -= OnWriteRequested;
                    }
                }
            }

            if (_provider != null)
            {
                try
                {
                    _provider.StopAdvertising();
                }
                catch (Exception)
                {
                    // The stack may already be down; disposing below is what frees the memory.
                }
            }

            try
            {
                // Stops NimBLE (nimble_port_stop + deinit: its native heap is returned), drops the services and
                // the server singleton, so a later Start builds everything afresh.
                BluetoothLEServer.Instance.Dispose();
            }
            catch (Exception)
            {
                Log(LogLevel.Warning, "BLE server did not shut down cleanly");
            }

            _provider = null;
            _characteristics = null;
            _uuids = null;
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            IGattRequestHandler handler;
            string ended = null;
            string started = null;
            lock (_sync)
            {
                if (!_running)
                {
                    return;
                }

                handler = _handler;
                if (args.Status == GattSessionStatus.Active)
                {
                    ended = _connectionId;
                    started = NewConnectionId();
                    _connectionId = started;
                }
                else
                {
                    ended = _connectionId;
                    _connectionId = null;
                }
            }

            if (ended != null)
            {
                handler.OnDisconnected(ended);
            }

            if (started != null)
            {
                handler.OnConnected(started);
            }
        }

        private void OnWriteRequested(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            byte[] data = null;
            byte error;
            try
            {
                BleBuffer value = request.Value;
                data = new byte[value == null ? 0 : (int)value.Length];
                if (data.Length > 0)
                {
                    DataReader.FromBuffer(value).ReadBytes(data);
                }

                string connectionId;
                IGattRequestHandler handler;
                BleUuid uuid;
                if (!Resolve(sender, out connectionId, out handler, out uuid))
                {
                    error = AttErrorCode.UnlikelyError;
                }
                else
                {
                    error = handler.OnWrite(connectionId, uuid, data, 0, data.Length);
                }
            }
            catch (Exception)
            {
                error = AttErrorCode.UnlikelyError;
            }
            finally
            {
                if (data != null)
                {
                    Array.Clear(data, 0, data.Length);
                }
            }

            if (error == AttErrorCode.Success)
            {
                request.Respond();
            }
            else
            {
                request.RespondWithProtocolError(error);
            }
        }

        private void OnReadRequested(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            byte[] value = null;
            byte error;
            try
            {
                string connectionId;
                IGattRequestHandler handler;
                BleUuid uuid;
                if (!Resolve(sender, out connectionId, out handler, out uuid))
                {
                    error = AttErrorCode.UnlikelyError;
                }
                else
                {
                    error = handler.OnRead(connectionId, uuid, out value);
                }
            }
            catch (Exception)
            {
                error = AttErrorCode.UnlikelyError;
            }

            if (error != AttErrorCode.Success)
            {
                request.RespondWithProtocolError(error);
                return;
            }

            // The complete value every time; NimBLE cuts it at the Read Blob offset.
            request.RespondWithValue(new BleBuffer(value == null ? new byte[0] : value));
        }

        private bool Resolve(GattLocalCharacteristic sender, out string connectionId, out IGattRequestHandler handler, out BleUuid uuid)
        {
            connectionId = null;
            handler = null;
            uuid = null;
            string started = null;
            lock (_sync)
            {
                if (!_running || _characteristics == null)
                {
                    return false;
                }

                for (int i = 0; i < _characteristics.Length; i++)
                {
                    if (object.ReferenceEquals(_characteristics[i], sender))
                    {
                        uuid = _uuids[i];
                        break;
                    }
                }

                if (uuid == null)
                {
                    return false;
                }

                if (_connectionId == null)
                {
                    // A request before the connect event was seen: bind it to a new connection.
                    _connectionId = NewConnectionId();
                    started = _connectionId;
                }

                connectionId = _connectionId;
                handler = _handler;
            }

            if (started != null)
            {
                handler.OnConnected(started);
            }

            return true;
        }

        private string NewConnectionId()
        {
            _connectionCount++;
            return "ble:" + _connectionCount.ToString();
        }

        private static void AddSections(BluetoothLEAdvertisement advertisement, byte[] payload)
        {
            int i = 0;
            while (i + 1 < payload.Length && payload[i] > 0)
            {
                int length = payload[i] - 1;
                byte type = payload[i + 1];
                byte[] data = new byte[length];
                Array.Copy(payload, i + 2, data, 0, length);
                if (type == AdvertisingPlan.AdTypeManufacturerData && length >= 2)
                {
                    // The library rebuilds 0xFF sections from this list; the company id is little-endian.
                    byte[] rest = new byte[length - 2];
                    Array.Copy(data, 2, rest, 0, rest.Length);
                    advertisement.ManufacturerData.Add(new BluetoothLEManufacturerData((ushort)(data[0] | (data[1] << 8)), new BleBuffer(rest)));
                }
                else
                {
                    advertisement.DataSections.Add(new BluetoothLEAdvertisementDataSection(type, new BleBuffer(data)));
                }

                i += 2 + length;
            }
        }

        private static Guid ToGuid(BleUuid uuid)
        {
            // The canonical text is unambiguous; Guid's byte-array constructor uses a mixed-endian layout.
            return new Guid(uuid.ToString());
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, LogSource, message);
            }
        }
    }
}
