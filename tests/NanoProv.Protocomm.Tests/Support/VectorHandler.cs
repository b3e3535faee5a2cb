using Xunit;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>Answers a scripted list of (expected request plaintext → reply plaintext) pairs, asserting each request.</summary>
public sealed class VectorHandler : IRequestHandler
{
    private readonly Queue<(byte[] Request, byte[] Reply)> _pairs = new();

    public void Expect(byte[] request, byte[] reply) => _pairs.Enqueue((request, reply));

    public byte[] HandleRequest(uint sessionId, byte[] request)
    {
        var (expected, reply) = _pairs.Dequeue();
        Assert.Equal(Hex.Of(expected), Hex.Of(request));
        return reply;
    }
}
