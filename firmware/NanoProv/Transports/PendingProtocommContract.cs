// TEMPORARY: the Protocomm facade contract types (branch `protocomm` owns them). This file exists only so the
// `http` branch compiles before `protocomm` lands; it is deleted in the merge that brings the real types.
namespace NanoProv.Protocomm
{
    public sealed class RequestOrigin
    {
        public RequestOrigin(string connectionId, string peerId) { ConnectionId = connectionId; PeerId = peerId; }
        public string ConnectionId { get; }
        public string PeerId { get; }
        public bool HasCookie { get; set; }
        public uint CookieSessionId { get; set; }
    }

    public enum ProtocommStatus { Ok = 0, UnknownEndpoint = 1, Failed = 2 }

    public sealed class ProtocommReply
    {
        public ProtocommStatus Status { get; set; }
        public byte[] Body { get; set; }
        public uint SessionId { get; set; }
        public bool SessionCreated { get; set; }
        public int FailureReason { get; set; }
    }
}
