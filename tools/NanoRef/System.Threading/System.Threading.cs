// NanoRef stub (signatures only) of assembly System.Threading (package nanoFramework.System.Threading 1.1.x).
// Verified against nanoframework/System.Threading: nanoFramework.System.Threading/Threading/{CancellationToken,
// CancellationTokenSource,CancellationTokenRegistration,OperationCanceledException}.cs and the Compile list of
// nanoFramework.System.Threading.nfproj (Task, ThreadPool and AsyncTaskMethodBuilder sources exist in the repository
// but are NOT compiled into the 1.1 package, so they are not stubbed: no async/await).

namespace System.Threading
{
    public struct CancellationToken
    {
        private CancellationTokenSource _source;
        public static CancellationToken None { get { throw null; } }
        public bool IsCancellationRequested { get { throw null; } }
        public bool CanBeCanceled { get { throw null; } }
        public WaitHandle WaitHandle { get { throw null; } }
        public CancellationToken(bool canceled) { throw null; }
        public CancellationTokenRegistration Register(Action callback) { throw null; }
        public bool Equals(CancellationToken other) { throw null; }
        public override bool Equals(object other) { throw null; }
        public override int GetHashCode() { throw null; }
        public void ThrowIfCancellationRequested() { }
    }

    public readonly struct CancellationTokenRegistration : IDisposable
    {
        private readonly Action _callback;
        public void Dispose() { }
        public static bool operator ==(CancellationTokenRegistration left, CancellationTokenRegistration right) { throw null; }
        public static bool operator !=(CancellationTokenRegistration left, CancellationTokenRegistration right) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public bool Equals(CancellationTokenRegistration other) { throw null; }
        public override int GetHashCode() { throw null; }
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { }
        public CancellationTokenSource(int millisecondsDelay) { }
        public CancellationTokenSource(TimeSpan delay) { }
        public bool IsCancellationRequested { get { throw null; } }
        public CancellationToken Token { get { throw null; } }
        public void Cancel() { }
        public void Cancel(bool throwOnFirstException) { }
        public void CancelAfter(TimeSpan delay) { }
        public void CancelAfter(int millisecondsDelay) { }
        public void Dispose() { }
        protected virtual void Dispose(bool disposing) { }
    }

    public class OperationCanceledException : SystemException
    {
        public OperationCanceledException() { }
        public OperationCanceledException(string message) { }
        public OperationCanceledException(string message, Exception innerException) { }
    }
}
