using System.Net.Sockets;

namespace NanoProv.Client;

/// <summary>
/// A link to a simulated BLE device hosted by another process (ProvSim <c>--transport ble-sim</c>) through its local
/// socket bridge. Wire format, both directions: frames of a 2-byte little-endian length and that many bytes. The
/// bridge opens with one frame <c>00 | len | advertising data | len | scan response</c> (what a scanner would have
/// seen); then every client frame is one ATT request PDU and every bridge frame its response PDU. Closing the TCP
/// connection is the BLE disconnect; the bridge closes it when the device drops the link.
/// </summary>
public sealed class GattSimSocketLink : IGattSimLink
{
    /// <summary>Largest frame either side sends (an ATT PDU at MTU 517, with room to spare).</summary>
    public const int MaxFrame = 1024;

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private bool _open;

    private GattSimSocketLink(TcpClient client, byte[] advertisingData, byte[] scanResponse)
    {
        _client = client;
        _stream = client.GetStream();
        AdvertisingData = advertisingData;
        ScanResponse = scanResponse;
        _open = true;
    }

    /// <summary>Connects to the bridge at "host:port" and reads its advertisement frame.</summary>
    /// <exception cref="ProvTransportException">The bridge is unreachable or the device is not advertising.</exception>
    /// <exception cref="ProvTimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public static GattSimSocketLink Connect(string hostPort, TimeSpan timeout)
    {
        HostAddress address = HostAddress.Parse(hostPort);
        var client = new TcpClient { NoDelay = true };
        try
        {
            if (!client.ConnectAsync(address.Host, address.Port).Wait(timeout))
            {
                throw new ProvTimeoutException($"no BLE simulator bridge answered at {hostPort} within {timeout.TotalSeconds:0} s");
            }

            client.ReceiveTimeout = client.SendTimeout = (int)timeout.TotalMilliseconds;
            byte[] hello = ReadFrame(client.GetStream())
                ?? throw new ProvTransportException("the simulated device is not advertising (the bridge refused the connection)");
            if (hello.Length < 3 || hello[0] != 0x00 || hello[1] + 3 > hello.Length || hello[1] + 2 + hello[hello[1] + 2] + 1 != hello.Length)
            {
                throw new ProvTransportException("the BLE simulator bridge sent a malformed advertisement frame");
            }

            byte[] adv = hello.AsSpan(2, hello[1]).ToArray();
            byte[] sr = hello.AsSpan(hello[1] + 3).ToArray();
            return new GattSimSocketLink(client, adv, sr);
        }
        catch (AggregateException e) when (e.InnerException is SocketException s)
        {
            client.Dispose();
            throw new ProvTransportException($"cannot reach the BLE simulator bridge at {hostPort}: {s.Message}", s);
        }
        catch (IOException e)
        {
            client.Dispose();
            throw new ProvTransportException($"the BLE simulator bridge at {hostPort} closed the connection: {e.Message}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public byte[] AdvertisingData { get; }

    /// <inheritdoc />
    public byte[] ScanResponse { get; }

    /// <inheritdoc />
    public bool IsOpen => _open;

    /// <inheritdoc />
    public byte[] Exchange(byte[] requestPdu)
    {
        if (!_open)
        {
            throw new IOException("the BLE link is closed");
        }

        try
        {
            WriteFrame(_stream, requestPdu);
            return ReadFrame(_stream) ?? throw new IOException("the device dropped the BLE link");
        }
        catch (IOException)
        {
            _open = false;
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _open = false;
        _client.Dispose();
    }

    /// <summary>Writes one frame.</summary>
    public static void WriteFrame(Stream stream, byte[] payload)
    {
        if (payload.Length > MaxFrame)
        {
            throw new ArgumentException("frame too long", nameof(payload));
        }

        byte[] frame = new byte[2 + payload.Length];
        frame[0] = (byte)payload.Length;
        frame[1] = (byte)(payload.Length >> 8);
        payload.CopyTo(frame, 2);
        stream.Write(frame);
        stream.Flush();
    }

    /// <summary>Reads one frame; null at a clean end of stream before a frame starts.</summary>
    /// <exception cref="IOException">The stream ended inside a frame, or the frame is too long.</exception>
    public static byte[] ReadFrame(Stream stream)
    {
        byte[] header = new byte[2];
        int got = ReadFully(stream, header);
        if (got == 0)
        {
            return null;
        }

        if (got < 2)
        {
            throw new IOException("truncated frame header");
        }

        int length = header[0] | (header[1] << 8);
        if (length > MaxFrame)
        {
            throw new IOException($"frame of {length} bytes is too long");
        }

        byte[] payload = new byte[length];
        if (ReadFully(stream, payload) != length)
        {
            throw new IOException("truncated frame");
        }

        return payload;
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
