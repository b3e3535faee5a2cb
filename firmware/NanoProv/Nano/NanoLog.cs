using System;
using NanoProv.Platform;

namespace NanoProv.Nano
{
    /// <summary>
    /// <see cref="ILog"/> that writes one line per message with <c>Console.WriteLine</c> (the nanoFramework debug channel;
    /// unlike <c>Debug.WriteLine</c> it is not removed from Release builds). Lines look like
    /// <c>[I] prov: attempt 1 of 3 to "HomeNet"</c>. The core never passes secrets to a log, and nothing here adds any.
    /// </summary>
    public sealed class NanoLog : ILog
    {
        private readonly object _sync = new object();

        /// <summary>Creates a log that prints <paramref name="minimumLevel"/> and above.</summary>
        public NanoLog(LogLevel minimumLevel)
        {
            MinimumLevel = minimumLevel;
        }

        /// <summary>Messages below this level are dropped.</summary>
        public LogLevel MinimumLevel { get; set; }

        /// <inheritdoc />
        public void Write(LogLevel level, string source, string message)
        {
            if (level < MinimumLevel)
            {
                return;
            }

            string line = "[" + Tag(level) + "] " + (source == null ? "-" : source) + ": " + (message == null ? string.Empty : message);
            lock (_sync)
            {
                Console.WriteLine(line);
            }
        }

        private static string Tag(LogLevel level)
        {
            // enum.ToString() prints the number on the device, so the tag is spelled out here.
            switch (level)
            {
                case LogLevel.Debug:
                    return "D";
                case LogLevel.Info:
                    return "I";
                case LogLevel.Warning:
                    return "W";
                default:
                    return "E";
            }
        }
    }
}
