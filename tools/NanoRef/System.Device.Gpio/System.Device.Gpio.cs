// NanoRef stub (signatures only) of assembly System.Device.Gpio (package nanoFramework.System.Device.Gpio 1.1.x).
// Verified against nanoframework/System.Device.Gpio System.Device.Gpio/{GpioController,GpioPin,PinMode,PinValue}.cs and
// nanoframework-api.md. GpioPin has an internal constructor (pins come from GpioController.OpenPin).
// Left out (they need nanoFramework.Runtime.Events.BaseEvent): GpioPin.ValueChanged, PinValueChangedEventArgs,
// PinChangeEventHandler, RegisterCallbackForPinValueChangedEvent; also PinValuePair, WaitForEventResult, PinEventTypes,
// DebounceTimeout. The field-reset button is polled instead of using pin events.

namespace System.Device.Gpio
{
    public enum PinNumberingScheme
    {
        Logical = 0,
        Board = 1
    }

    public enum PinMode
    {
        Input = 0,
        InputPullDown = 1,
        InputPullUp = 2,
        Output = 3,
        OutputOpenDrain = 4,
        OutputOpenDrainPullUp = 5,
        OutputOpenSource = 6,
        OutputOpenSourcePullDown = 7
    }

    public readonly struct PinValue
    {
        private readonly byte _value;
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static implicit operator PinValue(int value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioController(PinNumberingScheme numberingScheme) { }
        public PinNumberingScheme NumberingScheme { get { throw null; } }
        public int PinCount { get { throw null; } }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void ClosePin(int pinNumber) { }
        public void Dispose() { }
        public PinMode GetPinMode(int pinNumber) { throw null; }
        public bool IsPinModeSupported(int pinNumber, PinMode mode) { throw null; }
        public bool IsPinOpen(int pinNumber) { throw null; }
        public PinValue Read(int pinNumber) { throw null; }
        public void SetPinMode(int pinNumber, PinMode mode) { }
        public void Write(int pinNumber, PinValue value) { }
    }

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() { }
        public int PinNumber { get { throw null; } }
        public PinMode GetPinMode() { throw null; }
        public bool IsPinModeSupported(PinMode pinMode) { throw null; }
        public void SetPinMode(PinMode value) { }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { }
        public void Toggle() { }
        public void Dispose() { }
    }
}
