using System;
using System.Collections;
using nanoFramework.TestFramework;
using NanoProv.Nano;
using NanoProv.Platform;

namespace NanoProv.DeviceTests
{
    /// <summary>Hex parsing and byte comparisons for the device tests (no LINQ, no generics).</summary>
    public static class Bytes
    {
        /// <summary>Parses lower- or upper-case hex.</summary>
        public static byte[] Hex(string hex)
        {
            byte[] result = new byte[hex.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return result;
        }

        /// <summary>Fails unless actual[offset..offset+expected.Length) equals expected.</summary>
        public static void Equal(byte[] expected, byte[] actual, int offset, string what)
        {
            Assert.IsNotNull(actual, what + ": no bytes");
            Assert.IsTrue(offset + expected.Length <= actual.Length, what + ": too short");
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[offset + i])
                {
                    Assert.IsTrue(false, what + ": differs at byte " + i.ToString());
                }
            }
        }

        /// <summary>Fails unless both arrays are equal.</summary>
        public static void Equal(byte[] expected, byte[] actual, string what)
        {
            Assert.IsNotNull(actual, what + ": no bytes");
            Assert.AreEqual(expected.Length, actual.Length, what + ": length");
            Equal(expected, actual, 0, what);
        }

        /// <summary>A copy of buffer[offset..offset+count).</summary>
        public static byte[] Slice(byte[] buffer, int offset, int count)
        {
            byte[] result = new byte[count];
            Array.Copy(buffer, offset, result, 0, count);
            return result;
        }

        private static int Nibble(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c - 'A' + 10;
        }
    }

    /// <summary>The crypto provider under test: the firmware's native interop.</summary>
    public static class DeviceCrypto
    {
        /// <summary>The NativeCrypto instance shared by the tests (stateless).</summary>
        public static readonly ICrypto Native = new NativeCrypto();

        /// <summary>
        /// Skips the calling test class when the running firmware has no NanoProv crypto interop (for example the nanoCLR
        /// emulator or a stock image): the extern calls then throw instead of returning a status.
        /// </summary>
        public static void RequireNative()
        {
            try
            {
                byte[] digest = new byte[32];
                Native.Sha256(new byte[] { 0x61, 0x62, 0x63 }, 0, 3, digest);
            }
            catch (Exception)
            {
                Assert.SkipTest("this firmware has no NanoProv crypto interop (flash the custom image to run these tests)");
            }
        }
    }

    /// <summary>An <see cref="IRandom"/> that hands out recorded values in order (the vectors' fixed secrets).</summary>
    public sealed class ScriptedRandom : IRandom
    {
        private readonly ArrayList _values = new ArrayList();

        /// <summary>Appends the next value to hand out; its length must match the draw.</summary>
        public ScriptedRandom Then(byte[] value)
        {
            _values.Add(value);
            return this;
        }

        /// <summary>Values not drawn yet.</summary>
        public int Remaining
        {
            get { return _values.Count; }
        }

        /// <inheritdoc />
        public void Fill(byte[] buffer, int offset, int count)
        {
            if (_values.Count == 0)
            {
                throw new InvalidOperationException("unexpected random draw of " + count.ToString() + " bytes");
            }

            byte[] next = (byte[])_values[0];
            _values.RemoveAt(0);
            if (next.Length != count)
            {
                throw new InvalidOperationException("random draw of " + count.ToString() + " bytes, script has " + next.Length.ToString());
            }

            Array.Copy(next, 0, buffer, offset, count);
        }
    }

    /// <summary>A clock that stands still (sessions never expire during a test).</summary>
    public sealed class FrozenClock : IClock
    {
        /// <inheritdoc />
        public long NowMilliseconds
        {
            get { return 1000; }
        }
    }
}
