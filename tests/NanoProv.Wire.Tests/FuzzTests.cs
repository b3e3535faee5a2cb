using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Xunit;

namespace NanoProv.Wire.Tests;

/// <summary>
/// Fuzz-style robustness: 100,000 seeded random and mutated buffers, each fed to every generated parser.
/// The only allowed outcomes are success or a ProtoException with an in-range offset. On success the
/// message must re-encode to a fixed point, and (for the first accepted buffers of each parser) Google.Protobuf
/// must parse the same bytes into the same values.
/// </summary>
public class FuzzTests
{
    private const int Buffers = 100_000;

    /// <summary>Accepted buffers per parser that are also compared with Google.Protobuf (reflection is slow).</summary>
    private const int DifferentialChecksPerParser = 2_000;

    [Fact]
    public void RandomAndMutatedBuffersGiveOnlyProtoExceptionOrSuccess()
    {
        var rng = new Random(0x5EED2);
        List<byte[]> corpus = BuildCorpus(rng);
        var parsers = Model.Messages.Values
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => (Descriptor: d, Parse: Model.OurParser(d)))
            .ToArray();

        // The buffers are generated once (seeded) and every parser sees all of them; parsers run in parallel.
        var buffers = new byte[Buffers][];
        for (int i = 0; i < Buffers; i++)
        {
            buffers[i] = i % 5 == 0 ? RandomBuffer(rng) : Mutate(corpus[rng.Next(corpus.Count)], corpus, rng);
        }

        var accepted = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var rejected = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Parallel.ForEach(parsers, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            var (d, parse) = p;
            int ok = 0;
            int bad = 0;
            for (int i = 0; i < Buffers; i++)
            {
                byte[] buffer = buffers[i];
                bool sliceCheck = i % 7 == 0;
                object? result = null;
                int errorOffset = -1;
                try
                {
                    result = parse(buffer, 0, buffer.Length);
                }
                catch (ProtoException e)
                {
                    errorOffset = e.Offset;
                    Assert.InRange(e.Offset, 0, buffer.Length);
                }
                catch (Exception e)
                {
                    Assert.Fail(d.Name + " threw " + e.GetType().Name + " for " + Model.Hex(buffer) + ": " + e);
                }

                if (sliceCheck)
                {
                    // The same bytes inside a larger array full of 0xff: the outcome must not change.
                    byte[] framed = new byte[buffer.Length + 16];
                    Array.Fill(framed, (byte)0xff);
                    Array.Copy(buffer, 0, framed, 5, buffer.Length);
                    int framedOffset = -1;
                    object? framedResult = null;
                    try
                    {
                        framedResult = parse(framed, 5, buffer.Length);
                    }
                    catch (ProtoException e)
                    {
                        framedOffset = e.Offset;
                    }

                    Assert.True(errorOffset == framedOffset, d.Name + " slice changed the outcome for " + Model.Hex(buffer));
                    if (framedResult != null)
                    {
                        Assert.Equal(Model.Serialize(result!), Model.Serialize(framedResult));
                    }
                }

                if (result == null)
                {
                    bad++;
                    continue;
                }

                ok++;
                byte[] encoded = Model.Serialize(result);
                object reparsed = parse(encoded, 0, encoded.Length);
                if (!encoded.AsSpan().SequenceEqual(Model.Serialize(reparsed)))
                {
                    Assert.Fail(d.Name + " re-encoding is not a fixed point for " + Model.Hex(buffer));
                }

                if (ok > DifferentialChecksPerParser)
                {
                    continue;
                }

                IMessage google;
                try
                {
                    google = d.Parser.ParseFrom(buffer);
                }
                catch (InvalidProtocolBufferException e)
                {
                    Assert.Fail(d.Name + ": we accept what Google rejects (" + e.Message + "): " + Model.Hex(buffer));
                    throw;
                }

                Model.AssertSame(google, result);

                // Our encoding drops unknown fields (Google keeps them); without them both encode alike.
                IMessage googleAgain = d.Parser.ParseFrom(encoded);
                Model.AssertSame(googleAgain, result);
                Assert.Equal(Model.Hex(encoded), Model.Hex(googleAgain.ToByteArray()));
            }

            accepted[d.Name] = ok;
            rejected[d.Name] = bad;
        });

        // The corpus really exercised both outcomes for every parser.
        foreach (var (d, _) in parsers)
        {
            Assert.True(accepted.GetValueOrDefault(d.Name) > 100, d.Name + " accepted only " + accepted.GetValueOrDefault(d.Name));
            Assert.True(rejected.GetValueOrDefault(d.Name) > 1000, d.Name + " rejected only " + rejected.GetValueOrDefault(d.Name));
        }
    }

    private static List<byte[]> BuildCorpus(Random rng)
    {
        var corpus = new List<byte[]>();
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "protobuf.json")));
        foreach (JsonElement c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            corpus.Add(Convert.FromHexString(c.GetProperty("hex").GetString()!));
        }

        foreach (MessageDescriptor d in Model.Messages.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            for (int i = 0; i < 40; i++)
            {
                byte[] b = Model.RandomGoogle(d, rng).ToByteArray();
                if (b.Length > 0 && b.Length < 600)
                {
                    corpus.Add(b);
                }
            }
        }

        return corpus;
    }

    private static byte[] RandomBuffer(Random rng)
    {
        byte[] b = new byte[rng.Next(0, 48)];
        rng.NextBytes(b);
        return b;
    }

    private static readonly byte[] Interesting = { 0x00, 0x01, 0x02, 0x07, 0x08, 0x0a, 0x7f, 0x80, 0xff, 0x5a, 0x52, 0x62, 0x0b, 0x0c, 0x0e, 0x0f };

    private static byte[] Mutate(byte[] seed, List<byte[]> corpus, Random rng)
    {
        var b = new List<byte>(seed);
        int rounds = rng.Next(1, 4);
        for (int r = 0; r < rounds; r++)
        {
            int pos = b.Count == 0 ? 0 : rng.Next(b.Count);
            switch (rng.Next(11))
            {
                case 0 when b.Count > 0:
                    b[pos] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when b.Count > 0:
                    b[pos] = rng.Next(2) == 0 ? Interesting[rng.Next(Interesting.Length)] : (byte)rng.Next(256);
                    break;
                case 2:
                {
                    byte[] ins = new byte[rng.Next(1, 5)];
                    rng.NextBytes(ins);
                    b.InsertRange(pos, ins);
                    break;
                }
                case 3 when b.Count > 0:
                    b.RemoveRange(pos, Math.Min(rng.Next(1, 5), b.Count - pos));
                    break;
                case 4 when b.Count > 0:
                    b.RemoveRange(pos, b.Count - pos); // truncate
                    break;
                case 5 when b.Count > 1:
                {
                    int start = rng.Next(b.Count);
                    int len = rng.Next(1, b.Count - start + 1);
                    b.InsertRange(pos, b.GetRange(start, len));
                    break;
                }
                case 6:
                {
                    byte[] other = corpus[rng.Next(corpus.Count)];
                    int cut = rng.Next(other.Length + 1);
                    b.RemoveRange(pos, b.Count - pos);
                    b.AddRange(other.Skip(cut));
                    break;
                }
                case 7:
                    // An overlong (11-byte) varint or a 10-byte negative number.
                    b.InsertRange(pos, rng.Next(2) == 0
                        ? Enumerable.Repeat((byte)0xff, 11)
                        : new byte[] { 0xa6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 });
                    break;
                case 8:
                    b.InsertRange(pos, RandomField(rng));
                    break;
                case 9 when b.Count > 0:
                    b[pos] = (byte)(b[pos] + (rng.Next(2) == 0 ? 1 : -1));
                    break;
                default:
                    b.AddRange(RandomField(rng));
                    break;
            }
        }

        return b.ToArray();
    }

    /// <summary>A field key with a random number and wire type (0-7) followed by a plausible payload.</summary>
    private static byte[] RandomField(Random rng)
    {
        var f = new List<byte>();
        uint key = (uint)(rng.Next(0, 32) << 3 | rng.Next(8));
        do
        {
            byte low = (byte)(key & 0x7f);
            key >>= 7;
            f.Add(key != 0 ? (byte)(low | 0x80) : low);
        }
        while (key != 0);

        int payload = rng.Next(0, 12);
        if (rng.Next(3) == 0)
        {
            f.Add((byte)payload); // looks like a length
        }

        for (int i = 0; i < payload; i++)
        {
            f.Add((byte)rng.Next(256));
        }

        return f.ToArray();
    }
}
