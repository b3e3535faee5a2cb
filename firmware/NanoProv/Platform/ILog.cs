namespace NanoProv.Platform
{
    /// <summary>Severity of a log line.</summary>
    public enum LogLevel
    {
        /// <summary>Detail useful while developing.</summary>
        Debug = 0,
        /// <summary>Normal operation.</summary>
        Info = 1,
        /// <summary>Something unexpected that the library recovered from.</summary>
        Warning = 2,
        /// <summary>An operation failed.</summary>
        Error = 3
    }

    /// <summary>
    /// Log sink. The core never passes passphrases, proofs of possession, keys or SRP values to it.
    /// </summary>
    public interface ILog
    {
        /// <summary>Writes one line.</summary>
        /// <param name="level">Severity.</param>
        /// <param name="source">Short component name, for example "protocomm".</param>
        /// <param name="message">The text; never contains secret material.</param>
        void Write(LogLevel level, string source, string message);
    }
}
