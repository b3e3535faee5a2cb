using System.Text;
using NanoProv.Provisioning;

namespace NanoProv.ProvSim;

/// <summary>One readable line per provisioning event (never contains the passphrase: events do not carry it).</summary>
public static class EventText
{
    /// <summary>Describes an event.</summary>
    public static string Describe(ProvisioningEventArgs e) => e.Kind switch
    {
        ProvisioningEventKind.Started => "provisioning started" + (e.PreviousState == ProvisioningState.Started ? "" : $" (from {ProvisioningManager.StateName(e.PreviousState)})"),
        ProvisioningEventKind.CredentialsReceived => $"credentials received for \"{Ssid(e)}\"",
        ProvisioningEventKind.Connecting => $"connecting to \"{Ssid(e)}\" (attempt {e.Attempt} of {e.MaxAttempts})",
        ProvisioningEventKind.AttemptFailed => $"attempt failed: {ProvisioningManager.ReasonName(e.Reason)} (raw reason {e.RawReason}); {e.AttemptsRemaining} attempt(s) left",
        ProvisioningEventKind.Failed => $"connection failed: {ProvisioningManager.ReasonName(e.Reason)} (raw reason {e.RawReason}); send new credentials or reset",
        ProvisioningEventKind.Connected => $"connected to \"{Ssid(e)}\", IP {e.Connection?.Ip4Address}, channel {e.Connection?.Channel}; credentials stored",
        ProvisioningEventKind.Stopping => "provisioning stopping",
        ProvisioningEventKind.Stopped => "provisioning stopped (endpoints removed)",
        _ => "event " + (int)e.Kind,
    };

    private static string Ssid(ProvisioningEventArgs e) => e.Ssid == null ? "?" : Encoding.UTF8.GetString(e.Ssid);
}
