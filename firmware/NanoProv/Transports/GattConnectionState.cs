using System;
using System.Collections;

namespace NanoProv.Transports
{
    /// <summary>
    /// What <see cref="GattTransport"/> keeps per connected central: the latest reply of each characteristic and a
    /// long write being assembled from Prepare Write fragments. Dropped on disconnect.
    /// </summary>
    internal sealed class GattConnectionState
    {
        private static readonly byte[] Empty = new byte[0];

        private readonly Hashtable _replies = new Hashtable();
        private GattCharacteristicPlan _pendingTarget;
        private byte[] _pending;
        private int _pendingLength;

        internal GattConnectionState(string connectionId)
        {
            ConnectionId = connectionId;
            IsOpen = true;
        }

        internal string ConnectionId { get; private set; }

        /// <summary>A request whose write was answered before it finished; the next read of its characteristic waits for it.</summary>
        internal GattRequestJob Pending { get; set; }

        /// <summary>False once the connection went away (late results are then dropped).</summary>
        internal bool IsOpen { get; set; }

        /// <summary>The stored reply of an endpoint, or an empty value.</summary>
        internal byte[] ReplyOf(string endpointName)
        {
            byte[] reply = (byte[])_replies[endpointName];
            return reply == null ? Empty : reply;
        }

        internal void StoreReply(string endpointName, byte[] reply)
        {
            _replies[endpointName] = reply == null ? Empty : reply;
        }

        internal void ClearReply(string endpointName)
        {
            _replies.Remove(endpointName);
        }

        /// <summary>Adds a Prepare Write fragment; returns an ATT code.</summary>
        internal byte AddFragment(GattCharacteristicPlan target, int valueOffset, byte[] data, int offset, int count)
        {
            if (_pendingTarget != null && _pendingTarget != target)
            {
                // One long write at a time per connection; the phone apps and esp_prov never interleave.
                return AttErrorCode.PrepareQueueFull;
            }

            if (valueOffset < 0 || (_pendingTarget != null && valueOffset > _pendingLength) || (_pendingTarget == null && valueOffset != 0))
            {
                return AttErrorCode.InvalidOffset;
            }

            if (valueOffset + count > target.MaxValueLength)
            {
                DropFragments();
                return AttErrorCode.InvalidAttributeValueLength;
            }

            if (_pendingTarget == null)
            {
                _pendingTarget = target;
                _pending = new byte[target.MaxValueLength];
                _pendingLength = 0;
            }

            Array.Copy(data, offset, _pending, valueOffset, count);
            if (valueOffset + count > _pendingLength)
            {
                _pendingLength = valueOffset + count;
            }

            return AttErrorCode.Success;
        }

        /// <summary>The characteristic of the queued long write, or null.</summary>
        internal GattCharacteristicPlan PendingTarget
        {
            get { return _pendingTarget; }
        }

        /// <summary>Takes the reassembled value out of the queue (the queue is empty afterwards).</summary>
        internal byte[] TakeAssembledValue()
        {
            byte[] value = new byte[_pendingLength];
            if (_pending != null)
            {
                Array.Copy(_pending, value, _pendingLength);
            }

            DropFragments();
            return value;
        }

        internal void DropFragments()
        {
            if (_pending != null)
            {
                Array.Clear(_pending, 0, _pending.Length);
            }

            _pending = null;
            _pendingTarget = null;
            _pendingLength = 0;
        }

        /// <summary>Forgets every stored reply and queued fragment.</summary>
        internal void Clear()
        {
            IsOpen = false;
            Pending = null;
            _replies.Clear();
            DropFragments();
        }
    }
}
