using System.Text.Json.Nodes;

namespace NanoProv.Client.Tests.Support;

/// <summary>Loads the copied vector files (Vectors/ next to the test assembly).</summary>
internal static class Vectors
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, relativePath)))
        ?? throw new InvalidOperationException("empty vector file " + relativePath);

    public static IEnumerable<string> TranscriptNames() =>
        Directory.GetFiles(Path.Combine(Dir, "transcripts"), "*.json").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n);

    public static JsonNode Transcript(string name) => Load(Path.Combine("transcripts", name + ".json"));

    public static byte[] Bytes(this JsonNode node) => Convert.FromHexString((string)node!);

    public static string Str(this JsonNode node) => (string)node!;
}
