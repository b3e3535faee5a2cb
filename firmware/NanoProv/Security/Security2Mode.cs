namespace NanoProv.Security
{
    /// <summary>
    /// Which Security 2 data channel the device offers. The safe mode is the default value (0); the numbers are not
    /// <c>sec_patch_ver</c> values (see <see cref="ISecurityScheme.PatchVersion"/>).
    /// </summary>
    public enum Security2Mode
    {
        /// <summary>
        /// Current ESP-IDF behaviour (<c>sec_patch_ver</c> 1): 12-byte IV = 8 random bytes ‖ big-endian counter from 1,
        /// incremented after every encryption and decryption.
        /// </summary>
        Patch1 = 0,

        /// <summary>
        /// Legacy behaviour (<c>sec_patch_ver</c> 0) for clients older than March 2025: one random 16-byte IV reused for
        /// every message. Weak; enable only for old phone apps that cannot be updated.
        /// </summary>
        Patch0Legacy = 1
    }
}
