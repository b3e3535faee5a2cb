using System.Threading;

namespace NanoProv.App
{
    /// <summary>Entry point of the NanoProv firmware application.</summary>
    public class Program
    {
        /// <summary>Runs the boot flow with the configuration of <see cref="AppConfig.CreateDefault"/>, then idles.</summary>
        public static void Main()
        {
            FirmwareApp app = new FirmwareApp(AppConfig.CreateDefault());
            app.Run();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
