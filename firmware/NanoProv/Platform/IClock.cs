namespace NanoProv.Platform
{
    /// <summary>
    /// Monotonic time source. All timeouts, expiry and back-off in the core are measured with it,
    /// so tests can advance time deterministically.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary fixed origin; never goes backwards.</summary>
        long NowMilliseconds { get; }
    }
}
