using NanoProv.ProtoGen;

// ProtoGen: regenerates firmware/NanoProv/Wire/Generated/*.g.cs from protos/*.proto.
//   dotnet run --project tools/ProtoGen                 regenerate in place
//   dotnet run --project tools/ProtoGen -- --check      exit 1 when the checked-in files differ
// Options: --protoc <path> (default: protoc from the Grpc.Tools package), --root <repo root>.
bool check = false;
string? protoc = null;
string? root = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--check":
            check = true;
            break;
        case "--protoc" when i + 1 < args.Length:
            protoc = args[++i];
            break;
        case "--root" when i + 1 < args.Length:
            root = args[++i];
            break;
        case "-h":
        case "--help":
            Console.WriteLine("usage: ProtoGen [--check] [--protoc <path>] [--root <repo root>]");
            return 0;
        default:
            Console.Error.WriteLine("unknown argument: " + args[i]);
            return 2;
    }
}

root ??= Generator.FindRepoRoot(Environment.CurrentDirectory) ?? Generator.FindRepoRoot(AppContext.BaseDirectory);
if (root == null)
{
    Console.Error.WriteLine("cannot find the repository root (a folder with protos/ and firmware/NanoProv/); pass --root");
    return 2;
}

try
{
    SortedDictionary<string, string> files = Generator.Generate(root, protoc);
    string outputDir = Path.Combine(root, Generator.OutputRelative);
    if (check)
    {
        List<string> problems = Generator.Compare(files, outputDir);
        foreach (string p in problems)
        {
            Console.Error.WriteLine(p);
        }

        if (problems.Count > 0)
        {
            Console.Error.WriteLine("generated code is out of date: run `dotnet run --project tools/ProtoGen`");
            return 1;
        }

        Console.WriteLine("generated code is up to date (" + files.Count + " files)");
        return 0;
    }

    Generator.Write(files, outputDir);
    Console.WriteLine("wrote " + files.Count + " files to " + Generator.OutputRelative);
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FileNotFoundException)
{
    Console.Error.WriteLine("ProtoGen: " + e.Message);
    return 1;
}
