using System;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="IRandom"/> over the ESP32 hardware random number generator. On ESP32 targets the nanoFramework
    /// runtime implements <c>System.Random</c> natively with <c>esp_random()</c> for every byte
    /// (nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp; the seed is ignored), so <c>Random.NextBytes</c> reads
    /// the hardware generator directly. Espressif documents its output as true random while the Wi-Fi or Bluetooth
    /// radio is on, which is always the case while provisioning runs.
    /// <para>
    /// Do not use this class on other nanoFramework targets without checking their <c>CLR_RT_Random</c>: some ports
    /// implement it with a time-seeded <c>rand()</c>.
    /// </para>
    /// <para>
    /// A continuous health test (as in FIPS 140-2 4.9.2) throws <see cref="InvalidOperationException"/> when two
    /// consecutive 32-byte blocks are identical, so a stuck generator cannot silently produce predictable keys.
    /// </para>
    /// </summary>
    public sealed class NanoRandom : IRandom
    {
        private const int BlockSize = 32;

        private readonly object _sync = new object();
        private readonly Random _hardware = new Random();
        private readonly byte[] _block = new byte[BlockSize];
        private readonly byte[] _previous = new byte[BlockSize];
        private bool _havePrevious;

        /// <inheritdoc />
        public void Fill(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            lock (_sync)
            {
                while (count > 0)
                {
                    NextBlockLocked();
                    int n = count < BlockSize ? count : BlockSize;
                    Array.Copy(_block, 0, buffer, offset, n);
                    offset += n;
                    count -= n;
                }

                Array.Clear(_block, 0, BlockSize);
            }
        }

        private void NextBlockLocked()
        {
            _hardware.NextBytes(_block);
            if (_havePrevious)
            {
                bool same = true;
                for (int i = 0; i < BlockSize; i++)
                {
                    if (_block[i] != _previous[i])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    throw new InvalidOperationException("hardware random generator repeated a block");
                }
            }

            Array.Copy(_block, _previous, BlockSize);
            _havePrevious = true;
        }
    }
}
