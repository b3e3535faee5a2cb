namespace NanoProv.App
{
    /// <summary>
    /// Turns periodic samples of a button into "held long enough" events: fires once when the button has been pressed
    /// without interruption for the threshold, and not again until it was released. A press shorter than the threshold
    /// (or a bounce) never fires. Pure logic (no GPIO), so the host tests drive it with simulated time.
    /// </summary>
    public sealed class LongPressDetector
    {
        private readonly int _thresholdMs;
        private bool _pressed;
        private long _pressedSince;
        private bool _fired;

        /// <summary>Creates a detector.</summary>
        /// <param name="thresholdMs">How long the button must be held (at least 1 ms).</param>
        public LongPressDetector(int thresholdMs)
        {
            if (thresholdMs < 1)
            {
                throw new System.ArgumentOutOfRangeException("thresholdMs");
            }

            _thresholdMs = thresholdMs;
        }

        /// <summary>The hold time that triggers the event.</summary>
        public int ThresholdMs
        {
            get { return _thresholdMs; }
        }

        /// <summary>True while the last sample saw the button pressed.</summary>
        public bool IsPressed
        {
            get { return _pressed; }
        }

        /// <summary>
        /// Feeds one sample. Returns true exactly once per press, on the first sample at which the button has been held
        /// for the threshold.
        /// </summary>
        /// <param name="pressed">Button state in this sample (already converted from the pin level).</param>
        /// <param name="nowMs">Monotonic time of the sample in milliseconds.</param>
        public bool Sample(bool pressed, long nowMs)
        {
            if (!pressed)
            {
                _pressed = false;
                _fired = false;
                return false;
            }

            if (!_pressed)
            {
                _pressed = true;
                _pressedSince = nowMs;
            }

            if (!_fired && nowMs - _pressedSince >= _thresholdMs)
            {
                _fired = true;
                return true;
            }

            return false;
        }
    }
}
