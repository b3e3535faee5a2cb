using System.Text.Json.Nodes;

namespace NanoProv.Protocomm.Tests.Support;

/// <summary>Loads the vector copies in Vectors/ (never the spec pack).</summary>
public static class VectorFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, relativePath)))!;

    public static IEnumerable<string> TranscriptNames() =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, "transcripts"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OrderBy(n => n, StringComparer.Ordinal);

    public static byte[] HexOf(JsonNode node) => Convert.FromHexString((string)node!);
}
