namespace NanoProv.Host.Gatt;

/// <summary>Counters the simulated stack keeps (thread-safe snapshot getters).</summary>
public sealed class GattSimStatistics
{
    private readonly object _sync = new();
    private readonly Dictionary<byte, int> _requests = new();
    private int _callbacks;
    private int _lateAnswers;
    private TimeSpan _slowestCallback;
    private int _largestPdu;

    /// <summary>Requests of this opcode received so far.</summary>
    public int Requests(byte opcode)
    {
        lock (_sync)
        {
            return _requests.TryGetValue(opcode, out int n) ? n : 0;
        }
    }

    /// <summary>Calls into the application (reads, writes, prepares, executes).</summary>
    public int ApplicationCallbacks { get { lock (_sync) { return _callbacks; } } }

    /// <summary>Callbacks that took longer than the answer window (the central got "unlikely error").</summary>
    public int LateAnswers { get { lock (_sync) { return _lateAnswers; } } }

    /// <summary>The slowest application callback so far.</summary>
    public TimeSpan SlowestCallback { get { lock (_sync) { return _slowestCallback; } } }

    /// <summary>The largest request PDU received, in bytes.</summary>
    public int LargestRequestPdu { get { lock (_sync) { return _largestPdu; } } }

    internal void CountRequest(byte opcode, int length)
    {
        lock (_sync)
        {
            _requests[opcode] = Requests(opcode) + 1;
            _largestPdu = Math.Max(_largestPdu, length);
        }
    }

    internal void CountCallback(TimeSpan elapsed, bool late)
    {
        lock (_sync)
        {
            _callbacks++;
            if (late)
            {
                _lateAnswers++;
            }

            if (elapsed > _slowestCallback)
            {
                _slowestCallback = elapsed;
            }
        }
    }
}
