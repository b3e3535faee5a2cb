namespace NanoProv.Flash;

/// <summary>Entry point: tools/flash.sh passes the repository's nanoff-config.json as the default profile.</summary>
public static class Program
{
    /// <summary>Runs NanoFlash.</summary>
    public static int Main(string[] args)
    {
        string defaultConfig = Environment.GetEnvironmentVariable("NANOPROV_FLASH_CONFIG") ?? "nanoff-config.json";
        return NanoFlashCli.Run(args, Console.Out, Console.Error, defaultConfig);
    }
}
