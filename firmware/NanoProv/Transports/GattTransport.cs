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
        private GattRequestWorker _worker;

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

                string[] customs = _options.CustomEndpointNames != null ? _options.CustomEndpointNames : _protocomm.CustomEndpointNames;
                GattUuidPlan plan = GattUuidPlan.Create(_options.ServiceUuid, customs, _options.MaxValueLength);
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
                _worker = _options.AnswerBudgetMilliseconds > 0 ? new GattRequestWorker(RunJob) : null;
                _running = true;
                try
                {
                    _peripheral.Start(plan, advertising, this);
                }
                catch (Exception)
                {
                    _running = false;
                    if (_worker != null)
                    {
                        _worker.Stop();
                        _worker = null;
                    }

                    throw;
                }

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
                string[] ids;
                GattRequestWorker worker;
                lock (_sync)
                {
                    ids = new string[_connections.Count];
                    int n = 0;
                    foreach (DictionaryEntry entry in _connections)
                    {
                        ((GattConnectionState)entry.Value).Clear();
                        ids[n++] = (string)entry.Key;
                    }

                    _connections.Clear();
                    worker = _worker;
                    _worker = null;
                }

                for (int i = 0; i < ids.Length; i++)
                {
                    _protocomm.EndSessionsOfConnection(ids[i]);
                }

                if (worker != null)
                {
                    worker.Stop();
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

            bool replaced;
            lock (_sync)
            {
                replaced = ForgetConnectionLocked(connectionId);
                _connections[connectionId] = new GattConnectionState(connectionId);
            }

            if (replaced)
            {
                // A connect for an id we still hold: the old link is gone, so is its session.
                EndSessions(connectionId);
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
                ForgetConnectionLocked(connectionId);
            }

            EndSessions(connectionId);

            _log.Write(LogLevel.Info, LogSource, "central disconnected (" + connectionId + "), its session ended");
        }

        /// <inheritdoc />
        public byte OnWrite(string connectionId, BleUuid characteristic, byte[] data, int offset, int count)
        {
            if (data == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                return AttErrorCode.InvalidPdu;
            }

            GattConnectionState state;
            GattCharacteristicPlan target;
            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                target = _plan.FindByUuid(characteristic);
                if (target == null)
                {
                    return AttErrorCode.AttributeNotFound;
                }

                state = StateOf(connectionId);
                state.DropFragments();
            }

            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            return Submit(state, target, copy);
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
            GattConnectionState state;
            GattCharacteristicPlan target;
            byte[] value;
            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                state = StateOf(connectionId);
                target = state.PendingTarget;
                if (!commit || target == null)
                {
                    state.DropFragments();
                    return AttErrorCode.Success;
                }

                value = state.TakeAssembledValue();
            }

            return Submit(state, target, value);
        }

        /// <inheritdoc />
        public byte OnRead(string connectionId, BleUuid characteristic, out byte[] value)
        {
            value = null;
            GattConnectionState state;
            GattCharacteristicPlan target;
            GattRequestJob pending;
            lock (_sync)
            {
                if (!_running || connectionId == null)
                {
                    return AttErrorCode.UnlikelyError;
                }

                target = _plan.FindByUuid(characteristic);
                if (target == null)
                {
                    return AttErrorCode.AttributeNotFound;
                }

                state = StateOf(connectionId);
                pending = state.Pending != null && state.Pending.Target == target ? state.Pending : null;
            }

            if (pending != null)
            {
                // The write was acknowledged before its request finished: the reply is delivered by this read.
                if (!pending.Wait(_options.AnswerBudgetMilliseconds))
                {
                    _log.Write(LogLevel.Warning, LogSource, "request on " + target.EndpointName + " still running at the read");
                    return AttErrorCode.UnlikelyError;
                }

                lock (_sync)
                {
                    if (state.Pending == pending)
                    {
                        state.Pending = null;
                    }
                }

                if (pending.Result != AttErrorCode.Success)
                {
                    return pending.Result;
                }
            }

            lock (_sync)
            {
                value = state.ReplyOf(target.EndpointName);
                return AttErrorCode.Success;
            }
        }

        /// <summary>
        /// Runs a complete request value: validates its length, then runs it inline (budget 0) or on the worker and
        /// waits up to the answer budget. A request still running then is acknowledged; its reply comes with the read.
        /// </summary>
        private byte Submit(GattConnectionState state, GattCharacteristicPlan target, byte[] data)
        {
            if (data.Length == 0 || data.Length > target.MaxValueLength)
            {
                Array.Clear(data, 0, data.Length);
                lock (_sync)
                {
                    state.ClearReply(target.EndpointName);
                }

                return AttErrorCode.InvalidAttributeValueLength;
            }

            GattRequestJob previous;
            lock (_sync)
            {
                previous = state.Pending;
            }

            if (previous != null && !previous.Wait(_options.AnswerBudgetMilliseconds))
            {
                // ATT is one request at a time: a client writing again without reading waits for the first request.
                Array.Clear(data, 0, data.Length);
                return AttErrorCode.UnlikelyError;
            }

            GattRequestJob job = new GattRequestJob(state, target, data);
            GattRequestWorker worker;
            lock (_sync)
            {
                if (!state.IsOpen)
                {
                    Array.Clear(data, 0, data.Length);
                    return AttErrorCode.UnlikelyError;
                }

                state.ClearReply(target.EndpointName);
                state.Pending = job;
                worker = _worker;
            }

            if (worker == null)
            {
                job.Complete(RunJob(job));
            }
            else
            {
                worker.Enqueue(job);
                if (!job.Wait(_options.AnswerBudgetMilliseconds))
                {
                    _log.Write(LogLevel.Info, LogSource, "request on " + target.EndpointName + " answered at the read (still running)");
                    return AttErrorCode.Success;
                }
            }

            lock (_sync)
            {
                if (state.Pending == job)
                {
                    state.Pending = null;
                }
            }

            return job.Result;
        }

        /// <summary>
        /// Ends the sessions of a connection: at once when no request is running, otherwise queued behind it so the
        /// stack's event thread is not held until that request lets go of protocomm.
        /// </summary>
        private void EndSessions(string connectionId)
        {
            GattRequestWorker worker;
            lock (_sync)
            {
                worker = _worker;
            }

            GattRequestJob job = GattRequestJob.EndSessions(connectionId);
            if (worker == null || !worker.IsBusy)
            {
                job.Complete(RunJob(job));
            }
            else
            {
                worker.Enqueue(job);
            }
        }

        /// <summary>
        /// Runs one request through protocomm and stores the reply (worker thread, or inline); returns the ATT result.
        /// The caller completes the job.
        /// </summary>
        private byte RunJob(GattRequestJob job)
        {
            if (job.EndedConnectionId != null)
            {
                _protocomm.EndSessionsOfConnection(job.EndedConnectionId);
                return AttErrorCode.Success;
            }

            GattCharacteristicPlan target = job.Target;
            GattConnectionState state = job.State;
            RequestOrigin origin = new RequestOrigin(state.ConnectionId, state.ConnectionId);
            long started = _clock.NowMilliseconds;
            ProtocommReply reply;
            try
            {
                reply = _protocomm.Handle(target.EndpointName, origin, job.Data, 0, job.Data.Length);
            }
            catch (Exception)
            {
                // Protocomm is not expected to throw; never let a stack callback see an exception.
                _log.Write(LogLevel.Error, LogSource, "request on " + target.EndpointName + " threw");
                reply = null;
            }
            finally
            {
                Array.Clear(job.Data, 0, job.Data.Length);
            }

            NoteDuration(target.EndpointName, _clock.NowMilliseconds - started);

            byte result;
            if (reply == null || reply.Status == ProtocommStatus.Failed)
            {
                result = AttErrorCode.UnlikelyError;
            }
            else if (reply.Status == ProtocommStatus.UnknownEndpoint)
            {
                result = AttErrorCode.AttributeNotFound;
            }
            else if (reply.Status != ProtocommStatus.Ok)
            {
                result = AttErrorCode.UnlikelyError;
            }
            else
            {
                result = AttErrorCode.Success;
            }

            lock (_sync)
            {
                if (state.IsOpen)
                {
                    if (result == AttErrorCode.Success)
                    {
                        state.StoreReply(target.EndpointName, reply.Body);
                    }
                    else
                    {
                        state.ClearReply(target.EndpointName);
                    }
                }
            }

            return result;
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

        private bool ForgetConnectionLocked(string connectionId)
        {
            GattConnectionState state = (GattConnectionState)_connections[connectionId];
            if (state == null)
            {
                return false;
            }

            state.Clear();
            _connections.Remove(connectionId);
            return true;
        }
    }
}
