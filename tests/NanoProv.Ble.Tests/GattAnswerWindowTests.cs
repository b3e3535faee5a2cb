using NanoProv.Host.Gatt;
using NanoProv.Transports;
using Xunit;

namespace NanoProv.Ble.Tests;

/// <summary>
/// nanoFramework answers a central with "unlikely error" when a read or write handler needs more than 2 s. The
/// transport therefore runs requests on a worker thread and, when one is still running at the answer budget,
/// acknowledges the write and delivers the reply with the read. These tests shrink the windows to milliseconds.
/// </summary>
public class GattAnswerWindowTests
{
    private static GattRig SlowRig(int budgetMs, int windowMs) =>
        new(new GattSimOptions { AnswerWindow = TimeSpan.FromMilliseconds(windowMs) }, o => o.AnswerBudgetMilliseconds = budgetMs);

    [Fact]
    public void A_request_slower_than_the_budget_is_acknowledged_and_answered_by_the_read()
    {
        // The request may take up to two budgets: one in the write, one more in the read.
        using var rig = SlowRig(budgetMs: 400, windowMs: 2000);
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = r => { Thread.Sleep(600); return [0xAB, .. r]; };

        ushort handle = link.Endpoints["custom-data"].ValueHandle;
        link.Central.WriteLong(handle, [7, 8]);            // acknowledged while the request still runs
        Assert.Equal([0xAB, 7, 8], link.Central.ReadLong(handle)); // the read waits for the reply
        Assert.Equal(0, rig.Simulator.Statistics.LateAnswers);
        Assert.Equal(1, rig.Custom.Calls);
        Assert.Equal([0xAB, 7, 8], link.Central.ReadLong(handle)); // and it stays stored
    }

    [Fact]
    public void A_slow_request_that_fails_reports_the_error_on_the_read()
    {
        using var rig = SlowRig(budgetMs: 400, windowMs: 2000);
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = _ => { Thread.Sleep(600); return null; };

        ushort handle = link.Endpoints["custom-data"].ValueHandle;
        link.Central.WriteLong(handle, [1]);
        var e = Assert.Throws<AttErrorException>(() => link.Central.Read(handle));
        Assert.Equal(AttErrorCode.UnlikelyError, e.ErrorCode);
        Assert.Empty(link.Central.Read(handle)); // nothing stale is left
    }

    [Fact]
    public void A_second_write_waits_for_the_first_request()
    {
        using var rig = SlowRig(budgetMs: 2000, windowMs: 5000);
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = r => { Thread.Sleep(150); return r.ToArray(); };
        var fast = new GattTransportOptions().AnswerBudgetMilliseconds;
        Assert.Equal(1500, fast);

        ushort handle = link.Endpoints["custom-data"].ValueHandle;
        link.Central.WriteLong(handle, [1]);
        link.Central.WriteLong(handle, [2]); // no read in between
        Assert.Equal([2], link.Central.ReadLong(handle));
        Assert.Equal([[1], [2]], rig.Custom.Requests);
    }

    [Fact]
    public void Requests_run_on_the_worker_thread_or_inline_when_the_budget_is_zero()
    {
        int testThread = Environment.CurrentManagedThreadId;
        using (var rig = new GattRig())
        using (var link = rig.Connect())
        {
            int handlerThread = 0;
            link.Exchange("prov-session", GattRig.Sec0Request);
            rig.Custom.Reply = r => { handlerThread = Environment.CurrentManagedThreadId; return r.ToArray(); };
            link.Exchange("custom-data", [1]);
            Assert.NotEqual(testThread, handlerThread);
        }

        using (var rig = new GattRig(configure: o => o.AnswerBudgetMilliseconds = 0))
        using (var link = rig.Connect())
        {
            int handlerThread = 0;
            link.Exchange("prov-session", GattRig.Sec0Request);
            rig.Custom.Reply = r => { handlerThread = Environment.CurrentManagedThreadId; return r.ToArray(); };
            link.Exchange("custom-data", [1]);
            Assert.Equal(testThread, handlerThread);
        }
    }

    [Fact]
    public void A_disconnect_while_a_request_runs_returns_at_once_and_the_session_ends_after_it()
    {
        using var rig = SlowRig(budgetMs: 200, windowMs: 2000);
        var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        using var release = new ManualResetEventSlim(false);
        using var finished = new ManualResetEventSlim(false);
        rig.Custom.Reply = r => { release.Wait(10000); finished.Set(); return r.ToArray(); };

        link.Central.WriteLong(link.Endpoints["custom-data"].ValueHandle, [1]);
        var disconnect = Task.Run(link.Dispose);
        Assert.True(disconnect.Wait(5000), "the disconnect callback must not wait for the running request");
        Assert.False(finished.IsSet);

        release.Set();
        Assert.True(finished.Wait(5000));
        Assert.True(SpinWait.SpinUntil(() => rig.Protocomm.Sessions.Count == 0, 5000));

        using var again = rig.Connect();
        Assert.Empty(again.Central.ReadLong(again.Endpoints["custom-data"].ValueHandle));
    }

    [Fact]
    public void Stop_lets_the_running_request_finish_and_ends_every_session()
    {
        var rig = SlowRig(budgetMs: 100, windowMs: 2000);
        using var link = rig.Connect();
        link.Exchange("prov-session", GattRig.Sec0Request);
        rig.Custom.Reply = r => { Thread.Sleep(300); return r.ToArray(); };
        link.Central.WriteLong(link.Endpoints["custom-data"].ValueHandle, [1]);
        rig.Transport.Stop();
        Assert.False(rig.Transport.IsRunning);
        Assert.Equal(0, rig.Protocomm.Sessions.Count);
        Assert.Equal(1, rig.Custom.Calls);
    }
}
