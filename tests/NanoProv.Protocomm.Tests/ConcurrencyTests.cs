using NanoProv.Protocomm.Tests.Support;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>Transports call Handle from several threads (one per HTTP connection); calls are serialised.</summary>
public class ConcurrencyTests
{
    [Fact]
    public void ParallelClientsStayInStep()
    {
        var rig = TestRig.Sec1(random: new LockedRandom(new SeededRandom(7)));
        var clients = Enumerable.Range(0, 4).Select(i => (Client: new Sec1Client(TestRig.Pop), Origin: new RequestOrigin("c" + i, "10.0.0." + (10 + i)))).ToArray();
        foreach (var (client, origin) in clients)
            rig.Establish(client, origin);

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(clients, new ParallelOptions { MaxDegreeOfParallelism = 4 }, pair =>
        {
            for (int n = 0; n < 100; n++)
            {
                string text = pair.Origin.ConnectionId + "#" + n;
                byte[] request = pair.Client.Encrypt(System.Text.Encoding.UTF8.GetBytes(text));
                var reply = rig.Protocomm.Handle(EndpointNames.Config, pair.Origin, request, 0, request.Length);
                if (reply.Status != ProtocommStatus.Ok || System.Text.Encoding.UTF8.GetString(pair.Client.Decrypt(reply.Body)) != "reply:" + text)
                    failures.Add(text);
            }
        });
        Assert.Empty(failures);
        Assert.Equal(400, rig.Echo.Calls);
    }

    private sealed class LockedRandom : NanoProv.Platform.IRandom
    {
        private readonly NanoProv.Platform.IRandom _inner;

        public LockedRandom(NanoProv.Platform.IRandom inner) => _inner = inner;

        public void Fill(byte[] buffer, int offset, int count)
        {
            lock (this)
                _inner.Fill(buffer, offset, count);
        }
    }
}
