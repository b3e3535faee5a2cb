using System;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="IClock"/> over <c>Environment.TickCount64</c> (package nanoFramework.Runtime.Native): milliseconds since
    /// the device booted. Unlike <c>DateTime.UtcNow</c>, which is invalid until SNTP sets the clock and then jumps, it
    /// never goes backwards, which is what session expiry and back-off need.
    /// </summary>
    public sealed class NanoClock : IClock
    {
        /// <inheritdoc />
        public long NowMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
