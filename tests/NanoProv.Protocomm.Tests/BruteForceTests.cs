using NanoProv.Protocomm.Tests.Support;
using NanoProv.Security;
using Xunit;

namespace NanoProv.Protocomm.Tests;

/// <summary>Brute-force protection: N mismatches in a window start a back-off that doubles with each further mismatch.</summary>
public class BruteForceTests
{
    private static ProtocommReply WrongPopAttempt(TestRig rig, RequestOrigin origin)
    {
        var wrong = new Sec1Client("guess"u8.ToArray());
        var r0 = rig.Post(EndpointNames.Session, origin, wrong.Command0());
        if (r0.Status != ProtocommStatus.Ok)
            return r0;
        if (r0.SessionCreated)
            origin.CookieSessionId = r0.SessionId;
        wrong.Response0(r0.Body);
        return rig.Post(EndpointNames.Session, origin, wrong.Command1());
    }

    [Fact]
    public void FiveMismatchesStartABackoffThatDoublesAndASuccessResetsIt()
    {
        var rig = TestRig.Sec1();
        var bystander = new Sec1Client(TestRig.Pop);
        var bystanderOrigin = new RequestOrigin("by", "10.0.0.99");
        rig.Establish(bystander, bystanderOrigin);
        var attacker = new RequestOrigin("a", "10.0.0.66");

        for (int i = 1; i <= 4; i++)
        {
            Assert.Equal(SecurityFailure.CredentialsMismatch, WrongPopAttempt(rig, attacker).FailureReason);
            rig.Clock.Advance(1000);
        }
        Assert.Empty(rig.Events.Of(SecurityEventKind.BackoffStarted));
        Assert.Equal(SecurityFailure.CredentialsMismatch, WrongPopAttempt(rig, attacker).FailureReason);
        var started = Assert.Single(rig.Events.Of(SecurityEventKind.BackoffStarted));
        Assert.Equal(30_000, started.BackoffMilliseconds);
        Assert.Equal(30_000, rig.Protocomm.BackoffRemainingMilliseconds);

        // During the back-off every handshake message is refused, even with the right PoP, from any peer.
        var honest = new Sec1Client(TestRig.Pop);
        var refused = rig.Post(EndpointNames.Session, new RequestOrigin("h", "10.0.0.5"), honest.Command0());
        Assert.Equal(ProtocommStatus.Failed, refused.Status);
        Assert.Equal(SecurityFailure.BackoffActive, refused.FailureReason);
        var rejection = Assert.Single(rig.Events.Of(SecurityEventKind.HandshakeRejectedBackoff));
        Assert.Equal(30_000, rejection.BackoffMilliseconds);

        // Established sessions and proto-ver keep working.
        rig.AssertEcho(bystander, bystanderOrigin, "unaffected");
        rig.PostOk(EndpointNames.ProtoVer, new RequestOrigin("h", "10.0.0.5"), "ESP"u8.ToArray());

        // After 30 s handshakes are accepted again; one more mismatch doubles the back-off.
        rig.Clock.Advance(29_999);
        Assert.Equal(SecurityFailure.BackoffActive, rig.Post(EndpointNames.Session, new RequestOrigin("h", "10.0.0.5"), honest.Command0()).FailureReason);
        rig.Clock.Advance(1);
        Assert.Equal(SecurityFailure.CredentialsMismatch, WrongPopAttempt(rig, attacker).FailureReason);
        Assert.Equal(60_000, rig.Events.Of(SecurityEventKind.BackoffStarted).Last().BackoffMilliseconds);
        rig.Clock.Advance(60_000);
        Assert.Equal(SecurityFailure.CredentialsMismatch, WrongPopAttempt(rig, attacker).FailureReason);
        Assert.Equal(120_000, rig.Events.Of(SecurityEventKind.BackoffStarted).Last().BackoffMilliseconds);

        // The right PoP after the back-off succeeds and clears the escalation.
        rig.Clock.Advance(120_000);
        rig.Establish(honest, new RequestOrigin("h", "10.0.0.5"));
        Assert.Equal(0, rig.Protocomm.BackoffRemainingMilliseconds);
        Assert.Equal(SecurityFailure.CredentialsMismatch, WrongPopAttempt(rig, attacker).FailureReason);
        Assert.Equal(3, rig.Events.Of(SecurityEventKind.BackoffStarted).Count());
        Assert.DoesNotContain("guess", rig.Log.All);
    }

    [Fact]
    public void MismatchesOutsideTheWindowDoNotAddUp()
    {
        var rig = TestRig.Sec1();
        var origin = new RequestOrigin("a", "10.0.0.66");
        for (int i = 0; i < 4; i++)
            WrongPopAttempt(rig, origin);
        rig.Clock.Advance(300_000);
        for (int i = 0; i < 4; i++)
            WrongPopAttempt(rig, origin);
        Assert.Empty(rig.Events.Of(SecurityEventKind.BackoffStarted));
        WrongPopAttempt(rig, origin);
        Assert.Single(rig.Events.Of(SecurityEventKind.BackoffStarted));
    }

    [Fact]
    public void LimitsAreConfigurableAndTheBackoffIsCapped()
    {
        var options = new ProtocommOptions
        {
            MaxCredentialMismatches = 2,
            MismatchWindowMilliseconds = 10_000,
            InitialBackoffMilliseconds = 1_000,
            MaxBackoffMilliseconds = 3_000,
        };
        var rig = TestRig.Sec2(options: options);
        var origin = new RequestOrigin("a", "10.0.0.66");
        long[] expected = { 1_000, 2_000, 3_000, 3_000 };
        Attempt(rig, origin);
        foreach (long backoff in expected)
        {
            Attempt(rig, origin);
            Assert.Equal(backoff, rig.Events.Of(SecurityEventKind.BackoffStarted).Last().BackoffMilliseconds);
            rig.Clock.Advance(backoff);
        }
    }

    private static void Attempt(TestRig rig, RequestOrigin origin)
    {
        var wrong = new Sec2Client(TestRig.Username, "wrong"u8.ToArray());
        var r0 = rig.PostOk(EndpointNames.Session, origin, wrong.Command0());
        origin.CookieSessionId = r0.SessionId;
        wrong.Response0(r0.Body);
        Assert.Equal(SecurityFailure.CredentialsMismatch, rig.Post(EndpointNames.Session, origin, wrong.Command1()).FailureReason);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => TestRig.Sec0(new ProtocommOptions { MaxSessions = 0 }));
        Assert.Throws<ArgumentException>(() => TestRig.Sec0(new ProtocommOptions { MaxCredentialMismatches = 0 }));
        Assert.Throws<ArgumentException>(() => TestRig.Sec0(new ProtocommOptions { InitialBackoffMilliseconds = 10, MaxBackoffMilliseconds = 5 }));
        Assert.Throws<ArgumentException>(() => TestRig.Sec0(new ProtocommOptions { MaxRequestLength = 0 }));
    }

    [Fact]
    public void OptionsAreCopiedAtConstruction()
    {
        var options = new ProtocommOptions { MaxSessions = 1 };
        var rig = TestRig.Sec0(options);
        options.MaxSessions = 10;
        Assert.Equal(1, rig.Protocomm.Sessions.Capacity);
    }
}
