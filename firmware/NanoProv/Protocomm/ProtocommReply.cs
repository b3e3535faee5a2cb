namespace NanoProv.Protocomm
{
    /// <summary>The result of one request, for the transport.</summary>
    public sealed class ProtocommReply
    {
        internal ProtocommReply(ProtocommStatus status, byte[] body, uint sessionId, bool sessionCreated, int failureReason)
        {
            Status = status;
            Body = body;
            SessionId = sessionId;
            SessionCreated = sessionCreated;
            FailureReason = failureReason;
        }

        /// <summary>Ok, UnknownEndpoint or Failed.</summary>
        public ProtocommStatus Status { get; private set; }

        /// <summary>The reply bytes (null unless <see cref="Status"/> is Ok).</summary>
        public byte[] Body { get; private set; }

        /// <summary>The session that handled the request (0 when none was resolved).</summary>
        public uint SessionId { get; private set; }

        /// <summary>
        /// True when this successful request created its session: the HTTP transport then adds exactly
        /// <c>Set-Cookie: session=&lt;SessionId&gt;</c>. Never true on a failure.
        /// </summary>
        public bool SessionCreated { get; private set; }

        /// <summary>A <see cref="NanoProv.Security.SecurityFailure"/> code (0 on success).</summary>
        public int FailureReason { get; private set; }
    }
}
