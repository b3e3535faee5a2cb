using System.Net;
using System.Net.Sockets;

namespace NanoProv.Host.Gatt;

/// <summary>
/// Puts a <see cref="GattSimulator"/> on a local TCP port so a client in another process (ProvCli
/// <c>--transport ble-sim</c>) can "connect over BLE". Each accepted TCP connection is one BLE connection:
/// the bridge first sends the advertisement the central would have seen (frame <c>00 | len | adv | len | scan
/// response</c>), then relays frames, each one ATT request PDU in and its response PDU out. Frames are a 2-byte
/// little-endian length followed by the payload. Closing the socket disconnects; a device-side disconnect closes
/// the socket. A connection attempt while the device is not advertising is closed at once, with no frame.
/// Listens on loopback only.
/// </summary>
public sealed class GattSimBridgeServer : IDisposable
{
    /// <summary>Largest frame accepted from a client.</summary>
    public const int MaxFrame = 1024;

    private readonly GattSimulator _device;
    private readonly TcpListener _listener;
    private readonly Action<string> _log;
    private readonly List<TcpClient> _clients = [];
    private Thread _acceptThread;
    private volatile bool _stopping;

    /// <summary>Creates the bridge for <paramref name="device"/> on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public GattSimBridgeServer(GattSimulator device, int port = 0, Action<string> log = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _listener = new TcpListener(IPAddress.Loopback, port);
        _log = log;
    }

    /// <summary>The bound address (valid after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Starts listening.</summary>
    public void Start()
    {
        _listener.Start();
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "ble-sim bridge" };
        _acceptThread.Start();
    }

    /// <summary>Stops listening and closes every bridged connection.</summary>
    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        lock (_clients)
        {
            foreach (TcpClient c in _clients)
            {
                c.Dispose();
            }

            _clients.Clear();
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (Exception) when (_stopping)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            lock (_clients)
            {
                _clients.Add(client);
            }

            new Thread(() => Serve(client)) { IsBackground = true, Name = "ble-sim link" }.Start();
        }
    }

    private void Serve(TcpClient client)
    {
        IAttBearer bearer = null;
        try
        {
            client.NoDelay = true;
            NetworkStream stream = client.GetStream();
            AdvertisementReport report = _device.Scan();
            if (report == null)
            {
                _log?.Invoke("ble-sim bridge: refused a connection, the device is not advertising");
                return;
            }

            bearer = _device.ConnectBearer();
            _log?.Invoke("ble-sim bridge: central connected");
            IAttBearer watched = bearer;
            new Thread(() =>
            {
                // A device-side disconnect (or BLE stopped) closes the socket, so the client notices at once.
                while (watched.IsConnected && !_stopping)
                {
                    Thread.Sleep(50);
                }

                client.Dispose();
            }) { IsBackground = true, Name = "ble-sim link watch" }.Start();
            byte[] hello = [0x00, (byte)report.AdvertisingData.Length, .. report.AdvertisingData, (byte)report.ScanResponse.Length, .. report.ScanResponse];
            WriteFrame(stream, hello);
            while (true)
            {
                byte[] request = ReadFrame(stream);
                if (request == null)
                {
                    break; // the central disconnected
                }

                byte[] response;
                try
                {
                    response = bearer.Exchange(request);
                }
                catch (GattSimDisconnectedException)
                {
                    break; // the device dropped the link: close the socket
                }

                WriteFrame(stream, response);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            _log?.Invoke("ble-sim bridge: link ended (" + e.GetType().Name + ")");
        }
        finally
        {
            bearer?.Disconnect();
            lock (_clients)
            {
                _clients.Remove(client);
            }

            client.Dispose();
        }
    }

    private static void WriteFrame(Stream stream, byte[] payload)
    {
        byte[] frame = new byte[2 + payload.Length];
        frame[0] = (byte)payload.Length;
        frame[1] = (byte)(payload.Length >> 8);
        payload.CopyTo(frame, 2);
        stream.Write(frame);
    }

    private static byte[] ReadFrame(Stream stream)
    {
        byte[] header = new byte[2];
        if (!ReadFully(stream, header, allowEnd: true))
        {
            return null;
        }

        int length = header[0] | (header[1] << 8);
        if (length == 0 || length > MaxFrame)
        {
            throw new IOException("bad frame length " + length);
        }

        byte[] payload = new byte[length];
        ReadFully(stream, payload, allowEnd: false);
        return payload;
    }

    private static bool ReadFully(Stream stream, byte[] buffer, bool allowEnd)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                if (total == 0 && allowEnd)
                {
                    return false;
                }

                throw new IOException("the stream ended inside a frame");
            }

            total += n;
        }

        return true;
    }
}
