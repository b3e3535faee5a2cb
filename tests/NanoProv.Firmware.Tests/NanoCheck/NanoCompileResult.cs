using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoProv.Firmware.Tests.NanoCheck;

/// <summary>One C# source handed to the nanoFramework compile check.</summary>
/// <param name="Path">Path shown in diagnostics (repository-relative with forward slashes for repository files).</param>
/// <param name="Text">The source text.</param>
public sealed record NanoSource(string Path, string Text)
{
    /// <summary>Reads a file; its diagnostics show the repository-relative path.</summary>
    public static NanoSource FromFile(string fullPath) => new(RepoPaths.Relative(fullPath), File.ReadAllText(fullPath));
}

/// <summary>Outcome of compiling sources against NanoRef.</summary>
public sealed class NanoCompileResult
{
    internal NanoCompileResult(
        string assemblyName,
        CSharpCompilation compilation,
        ImmutableArray<Diagnostic> diagnostics,
        byte[] image,
        IReadOnlyList<string> nanoRefAssemblies,
        IReadOnlyList<string> problems)
    {
        AssemblyName = assemblyName;
        Compilation = compilation;
        Diagnostics = diagnostics;
        NanoRefAssemblies = nanoRefAssemblies;
        Problems = problems;
        Errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.GetLineSpan().StartLinePosition.Line)
            .ToList();
        if (image != null && Errors.Count == 0 && problems.Count == 0)
        {
            Image = image;
            Reference = MetadataReference.CreateFromImage(image, filePath: assemblyName + ".dll");
        }
    }

    /// <summary>Name the sources were compiled as.</summary>
    public string AssemblyName { get; }

    /// <summary>The Roslyn compilation (null when the check could not even start, see <see cref="Problems"/>).</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>All compiler diagnostics, emit included.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Compiler errors, sorted by file and line.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }

    /// <summary>
    /// Problems found before compiling: a reference with no NanoRef stub, a NanoRef stub or referenced project that failed.
    /// </summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>NanoRef assemblies the sources were compiled against.</summary>
    public IReadOnlyList<string> NanoRefAssemblies { get; }

    /// <summary>The emitted assembly (null unless <see cref="Success"/>).</summary>
    public byte[] Image { get; }

    /// <summary>A reference to the emitted assembly for dependent compilations (null unless <see cref="Success"/>).</summary>
    public MetadataReference Reference { get; }

    /// <summary>True when there were no problems and no compiler errors.</summary>
    public bool Success => Problems.Count == 0 && Errors.Count == 0;

    /// <summary>True when any error has one of the given ids (e.g. "CS0246").</summary>
    public bool HasError(params string[] ids) => Errors.Any(e => ids.Contains(e.Id, StringComparer.Ordinal));

    /// <summary>Every problem and error, one per line, as "file:line: error CSxxxx: message".</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (string problem in Problems)
        {
            sb.Append(problem).Append('\n');
        }

        foreach (Diagnostic error in Errors)
        {
            sb.Append(Format(error)).Append('\n');
        }

        return sb.Length == 0 ? "(no errors)" : sb.ToString();
    }

    /// <summary>Formats a diagnostic as "file:line: error CSxxxx: message" (line is 1-based).</summary>
    public static string Format(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string where = span.IsValid && !string.IsNullOrEmpty(span.Path)
            ? span.Path + ":" + (span.StartLinePosition.Line + 1)
            : "(no location)";
        string severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return where + ": " + severity + " " + diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
