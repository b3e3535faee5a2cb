using System;
using System.Collections;
using NanoProv.Platform;
using NanoProv.Protocomm;

namespace NanoProv.Transports
{
    /// <summary>
    /// Protocomm over BLE GATT, as ESP-IDF's protocomm_ble/protocomm_nimble do it: each endpoint is a Read + Write
    /// characteristic of one primary service (<see cref="GattUuidPlan"/>); a central writes a request (long values
    /// by Prepare/Execute Write) and then reads the reply, which stays stored on that characteristic until the next
    /// request or the disconnect. The security session is bound to the BLE connection and ends when it goes away.
    /// Error mapping: characteristic without endpoint → 0x0A, empty or too long value → 0x0D, protocomm refused or
    /// failed → 0x0E (and the stale reply is cleared). Stack-agnostic: talks to an <see cref="IGattPeripheral"/>.
    /// </summary>
    public sealed class GattTransport : IGattRequestHandler
    {
        private const string LogSource = "gatt";

        private readonly NanoProv.Protocomm.Protocomm _protocomm;
        private readonly IGattPeripheral _peripheral;
        private readonly GattTransportOptions _options;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly object _sync = new object();
        private readonly Hashtable _connections = new Hashtable();
        private GattUuidPlan _plan;
        private AdvertisingPlan _advertising;
        private bool _running;
        private long _longestRequestMilliseconds;

        /// <summary>Creates the transport; nothing happens until <see cref="Start"/>.</summary>
        /// <exception cref="ArgumentNullException">Any argument is null.</exception>
        public GattTransport(NanoProv.Protocomm.Protocomm protocomm, IGattPeripheral peripheral, GattTransportOptions options, IClock clock, ILog log)
        {
            if (protocomm == null)
            {
                throw new ArgumentNullException("protocomm");
            }

            if (peripheral == null)
            {
                throw new ArgumentNullException("peripheral");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (log == null)
            {
                throw new ArgumentNullException("log");
            }

            _protocomm = protocomm;
            _peripheral = peripheral;
            _options = options;
            _clock = clock;
            _log = log;
        }

        /// <summary>The GATT layout in use (null before <see cref="Start"/>).</summary>
        public GattUuidPlan UuidPlan
        {
            get { return _plan; }
        }

        /// <summary>The advertising payloads in use (null before <see cref="Start"/>).</summary>
        public AdvertisingPlan Advertising
        {
            get { return _advertising; }
        }

        /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
        public bool IsRunning
        {
            get { return _running; }
        }

        /// <summary>Number of centrals currently connected.</summary>
        public int ConnectionCount
        {
            get
            {
                lock (_sync)
                {
                    return _connections.Count;
                }
            }
        }

        /// <summary>The longest time one request spent in protocomm so far, in milliseconds (for benchmarks and logs).</summary>
        public long LongestRequestMilliseconds
        {
            get { return _longestRequestMilliseconds; }
        }

        /// <summary>
        /// Builds the UUID and advertising plans from the endpoints registered on protocomm now (custom endpoints
        /// must be registered before this call: the GATT table is fixed once advertising starts), hands them to the
        /// peripheral and starts advertising.
        /// </summary>
        /// <exception cref="InvalidOperationException">Already running.</exception>
        /// <exception cref="ArgumentException">Invalid name, manufacturer data or custom endpoint names.</exception>
        public void Start()
        {
            lock (_sync)
            {
                if (_running)
                {
                    throw new InvalidOperationException("the GATT transport is already running");
                }

                if (_options.ServiceUuid == null)
                {
                    throw new ArgumentException("a service UUID is required");
                }

                GattUuidPlan plan = GattUuidPlan.Create(_options.ServiceUuid, _protocomm.CustomEndpointNames, _options.MaxValueLength);
                AdvertisingPlan advertising = AdvertisingPlan.Create(_options.ServiceUuid, _options.DeviceName, _options.ManufacturerData);
                if (!advertising.NameHasPrefix(_options.NamePrefix))
                {
                    _log.Write(LogLevel.Warning, LogSource, "device name does not start with the prefix the phone apps look for");
                }

                if (advertising.ManufacturerDataOmitted || advertising.ManufacturerDataTruncated)
                {
                    _log.Write(LogLevel.Warning, LogSource, "manufacturer data shortened to fit the 31-byte scan response");
                }

                _plan = plan;
                _advertising = advertising;
                _peripheral.Start(plan, advertising, this);
                _running = true;
                _log.Write(LogLevel.Info, LogSource, "advertising " + advertising.DeviceName + " service " + plan.ServiceUuid.ToString() + " with " + plan.Count.ToString() + " endpoints");
            }
        }

        /// <summary>
        /// Stops the peripheral (disconnecting the central and giving the stack's memory back) and ends every
        /// session that was bound to a BLE connection. Safe to call when not running.
        /// </summary>
        public void Stop()
        {
            lock (_sync)
            {
                if (!_running)
                {
                    return;
                }

                _running = false;
            }

            try
            {
                _peripheral.Stop();
            }
            finally
            {
                lock (_sync)
                {
                    foreach (DictionaryEntry entry in _connections)
                    {
                        ((GattConnectionState)entry.Value).Clear();
                        _protocomm.EndSessionsOfConnection((string)entry.Key);
                    }

                    _connections.Clear();
                }

                _log.Write(LogLevel.Info, LogSource, "stopped");
            }
        }

        /// <inheritdoc />
        public void OnConnected(string connectionId)
        {
            if (connectionId == null)
            {
                return;
            }

            lock (_sync)
            {
                if (_connections.Contains(connectionId))
                {
                    ForgetConnection(connectionId);
                }

                _connections[connectionId] = new GattConnectionState(connectionId);
            }

            _log.Write(LogLevel.Info, LogSource, "central connected (" + connectionId + ")");
        }

        /// <inheritdoc />
        public void OnDisconnected(string connectionId)
        {
            if (connectionId == null)
            {
                return;
            }

            lock (_sync)
            {
                ForgetConnection(connectionId);
            }

            _log.Write(LogLevel.Info, LogSource, "central disconnected (" + connectionId + "), its session ended");
        }

        /// <inheritdoc />
        public byte OnWrite(string connectionId, BleUuid characteristic, byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                return AttErrorCode.InvalidPdu;
            }

            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                GattCharacteristicPlan target = _plan.FindByUuid(characteristic);
                if (target == null)
                {
                    return AttErrorCode.AttributeNotFound;
                }

                GattConnectionState state = StateOf(connectionId);
                state.DropFragments();
                return RunRequest(state, target, data, offset, count);
            }
        }

        /// <inheritdoc />
        public byte OnPrepareWrite(string connectionId, BleUuid characteristic, int valueOffset, byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                return AttErrorCode.InvalidPdu;
            }

            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                GattCharacteristicPlan target = _plan.FindByUuid(characteristic);
                if (target == null)
                {
                    return AttErrorCode.AttributeNotFound;
                }

                return StateOf(connectionId).AddFragment(target, valueOffset, data, offset, count);
            }
        }

        /// <inheritdoc />
        public byte OnExecuteWrite(string connectionId, bool commit)
        {
            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                GattConnectionState state = StateOf(connectionId);
                GattCharacteristicPlan target = state.PendingTarget;
                if (!commit || target == null)
                {
                    state.DropFragments();
                    return AttErrorCode.Success;
                }

                byte[] value = state.TakeAssembledValue();
                return RunRequest(state, target, value, 0, value.Length);
            }
        }

        /// <inheritdoc />
        public byte OnRead(string connectionId, BleUuid characteristic, out byte[] value)
        {
            value = null;
            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                GattCharacteristicPlan target = _plan.FindByUuid(characteristic);
                if (target == null)
                {
                    return AttErrorCode.AttributeNotFound;
                }

                value = StateOf(connectionId).ReplyOf(target.EndpointName);
                return AttErrorCode.Success;
            }
        }

        private byte RunRequest(GattConnectionState state, GattCharacteristicPlan target, byte[] data, int offset, int count)
        {
            if (count == 0 || count > target.MaxValueLength)
            {
                state.ClearReply(target.EndpointName);
                return AttErrorCode.InvalidAttributeValueLength;
            }

            RequestOrigin origin = new RequestOrigin(state.ConnectionId, state.ConnectionId);
            long started = _clock.NowMilliseconds;
            ProtocommReply reply;
            try
            {
                reply = _protocomm.Handle(target.EndpointName, origin, data, offset, count);
            }
            catch (Exception)
            {
                // Protocomm is not expected to throw; never let a stack callback see an exception.
                _log.Write(LogLevel.Error, LogSource, "request on " + target.EndpointName + " threw");
                reply = null;
            }

            NoteDuration(target.EndpointName, _clock.NowMilliseconds - started);

            if (reply == null || reply.Status == ProtocommStatus.Failed)
            {
                state.ClearReply(target.EndpointName);
                return AttErrorCode.UnlikelyError;
            }

            if (reply.Status == ProtocommStatus.UnknownEndpoint)
            {
                state.ClearReply(target.EndpointName);
                return AttErrorCode.AttributeNotFound;
            }

            if (reply.Status != ProtocommStatus.Ok)
            {
                state.ClearReply(target.EndpointName);
                return AttErrorCode.UnlikelyError;
            }

            state.StoreReply(target.EndpointName, reply.Body);
            return AttErrorCode.Success;
        }

        private void NoteDuration(string endpointName, long elapsed)
        {
            if (elapsed > _longestRequestMilliseconds)
            {
                _longestRequestMilliseconds = elapsed;
            }

            if (elapsed > _options.SlowRequestWarningMilliseconds)
            {
                _log.Write(LogLevel.Warning, LogSource, "request on " + endpointName + " took " + elapsed.ToString() + " ms (the BLE answer window is 2000 ms)");
            }
        }

        private GattConnectionState StateOf(string connectionId)
        {
            GattConnectionState state = (GattConnectionState)_connections[connectionId];
            if (state == null)
            {
                // A stack that reports the connection late (or not at all): bind state to the id we were given.
                state = new GattConnectionState(connectionId);
                _connections[connectionId] = state;
            }

            return state;
        }

        private void ForgetConnection(string connectionId)
        {
            GattConnectionState state = (GattConnectionState)_connections[connectionId];
            if (state != null)
            {
                state.Clear();
                _connections.Remove(connectionId);
            }

            _protocomm.EndSessionsOfConnection(connectionId);
        }
    }
}
