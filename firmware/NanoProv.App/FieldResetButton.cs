using System;
using System.Device.Gpio;
using System.Threading;
using NanoProv.Platform;

namespace NanoProv.App
{
    /// <summary>Handler of <see cref="FieldResetButton.LongPress"/>.</summary>
    public delegate void LongPressHandler(object sender, EventArgs e);

    /// <summary>
    /// Watches the field-reset button (default GPIO0, the BOOT button of most ESP32 boards: active low, internal pull-up)
    /// by sampling it every few tens of milliseconds and raises <see cref="LongPress"/> once per press held for the
    /// configured time. Polling instead of pin-change interrupts keeps the debounce logic in one testable place
    /// (<see cref="LongPressDetector"/>) and costs one timer.
    /// Note: on ESP32, GPIO0 held low during power-up selects the ROM download mode, so the reset is a long press
    /// while the firmware runs, not a press at boot.
    /// </summary>
    public sealed class FieldResetButton : IDisposable
    {
        private const string LogSource = "button";

        private readonly GpioController _gpio;
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private readonly LongPressDetector _detector;
        private readonly ILog _log;
        private Timer _timer;

        /// <summary>Opens the pin (input with pull-up when active low, pull-down otherwise) and starts sampling.</summary>
        public FieldResetButton(int pin, bool activeLow, int longPressMs, int pollMs, ILog log)
        {
            _activeLow = activeLow;
            _detector = new LongPressDetector(longPressMs);
            _log = log;
            _gpio = new GpioController();
            _pin = _gpio.OpenPin(pin, activeLow ? PinMode.InputPullUp : PinMode.InputPullDown);
            _timer = new Timer(Poll, null, pollMs, pollMs);
        }

        /// <summary>Raised (on the timer thread) when the button was held for the configured time.</summary>
        public event LongPressHandler LongPress;

        /// <summary>Stops sampling and releases the pin.</summary>
        public void Dispose()
        {
            Timer timer = _timer;
            _timer = null;
            if (timer != null)
            {
                timer.Dispose();
            }

            _gpio.Dispose();
        }

        private void Poll(object state)
        {
            bool pressed;
            try
            {
                pressed = (_pin.Read() == PinValue.Low) == _activeLow;
            }
            catch (Exception)
            {
                return;
            }

            if (!_detector.Sample(pressed, Environment.TickCount64))
            {
                return;
            }

            if (_log != null)
            {
                _log.Write(LogLevel.Warning, LogSource, "field reset: button held " + _detector.ThresholdMs.ToString() + " ms");
            }

            LongPressHandler handler = LongPress;
            if (handler != null)
            {
                try
                {
                    handler(this, EventArgs.Empty);
                }
                catch (Exception ex)
                {
                    if (_log != null)
                    {
                        _log.Write(LogLevel.Error, LogSource, "field reset handler threw " + ex.GetType().Name);
                    }
                }
            }
        }
    }
}
