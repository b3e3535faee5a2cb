// NanoRef stub (signatures only) of assembly nanoFramework.System.Text (package nanoFramework.System.Text).
// Verified against nanoframework/System.Text: nanoFramework.System.Text/Text/StringBuilder.cs and the Compile list of
// nanoFramework.System.Text.nfproj (Decoder, Encoding, StringBuilder, UTF8Decoder, UTF8Encoding); Encoding members and
// overloads from nanoframework.md 1.6 (the stored snapshot has no Encoding.cs, so its parameter names follow the
// .NET Micro Framework / .NET names: s, charIndex, charCount, bytes, byteIndex, byteCount, index, count).
// Absent on purpose (not in the real API): Encoding.GetString(byte[]), Encoding.ASCII/Unicode, GetByteCount,
// StringBuilder.Insert(int, string), StringBuilder.AppendFormat.

namespace System.Text
{
    // Only the type is stubbed (it is the return type of Encoding.GetDecoder); its members are not used by the firmware.
    public abstract class Decoder
    {
    }

    public abstract class Encoding
    {
        public static Encoding UTF8 { get { throw null; } }
        public virtual byte[] GetBytes(string s) { throw null; }
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) { throw null; }
        public virtual char[] GetChars(byte[] bytes) { throw null; }
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) { throw null; }
        public virtual string GetString(byte[] bytes, int index, int count) { throw null; }
        public virtual Decoder GetDecoder() { throw null; }
    }

    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { }
    }

    public sealed class StringBuilder
    {
        public StringBuilder() { }
        public StringBuilder(int capacity) { }
        public StringBuilder(int capacity, int maxCapacity) { }
        public StringBuilder(string value) { }
        public StringBuilder(string value, int capacity) { }
        public StringBuilder(string value, int startIndex, int length, int capacity) { }

        public int MaxCapacity { get { throw null; } }
        public char this[int index] { get { throw null; } set { } }
        public int Capacity { get { throw null; } set { } }
        public int Length { get { throw null; } set { } }

        public StringBuilder Clear() { throw null; }
        public StringBuilder Append(bool value) { throw null; }
        public StringBuilder Append(byte value) { throw null; }
        public StringBuilder Append(char value) { throw null; }
        public StringBuilder Append(double value) { throw null; }
        public StringBuilder Append(short value) { throw null; }
        public StringBuilder Append(char[] value) { throw null; }
        public StringBuilder Append(int value) { throw null; }
        public StringBuilder Append(long value) { throw null; }
        public StringBuilder Append(object value) { throw null; }
        public StringBuilder Append(string value) { throw null; }
        public StringBuilder Append(sbyte value) { throw null; }
        public StringBuilder Append(float value) { throw null; }
        public StringBuilder Append(ushort value) { throw null; }
        public StringBuilder Append(uint value) { throw null; }
        public StringBuilder Append(ulong value) { throw null; }
        public StringBuilder Append(string value, int startIndex, int count) { throw null; }
        public StringBuilder Append(char[] value, int startIndex, int charCount) { throw null; }
        public StringBuilder Append(char value, int repeatCount) { throw null; }
        public StringBuilder AppendLine() { throw null; }
        public StringBuilder AppendLine(string value) { throw null; }
        public StringBuilder Remove(int startIndex, int length) { throw null; }
        public override string ToString() { throw null; }
        public string ToString(int startIndex, int length) { throw null; }
        public StringBuilder Insert(int index, string value, int count) { throw null; }
        public StringBuilder Insert(int index, char[] value, int startIndex, int charCount) { throw null; }
        public StringBuilder Replace(char oldChar, char newChar) { throw null; }
        public StringBuilder Replace(char oldChar, char newChar, int startIndex, int count) { throw null; }
        public StringBuilder Replace(string oldValue, string newValue) { throw null; }
        public StringBuilder Replace(string oldValue, string newValue, int startIndex, int count) { throw null; }
    }
}
