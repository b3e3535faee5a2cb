using NanoProv.Platform;

namespace NanoProv.Security
{
    /// <summary>
    /// A protocomm security scheme (Security 0, 1 or 2). One instance serves the whole device; it creates an
    /// independent <see cref="ISecuritySession"/> for every session of the session table.
    /// </summary>
    public interface ISecurityScheme
    {
        /// <summary>The <c>sec_ver</c> value: 0, 1 or 2.</summary>
        int Version { get; }

        /// <summary>The <c>sec_patch_ver</c> value advertised in proto-ver: 1 for Security 2 with the counter IV, otherwise 0.</summary>
        int PatchVersion { get; }

        /// <summary>True when proto-ver must list the <c>no_pop</c> capability (Security 1 without a PoP).</summary>
        bool AdvertisesNoPop { get; }

        /// <summary>Creates the security state of one new session. Randomness for keys and nonces comes from <paramref name="random"/>.</summary>
        ISecuritySession CreateSession(IRandom random);

        /// <summary>
        /// True when the prov-session message in data[offset..offset+count) starts a handshake (Security 0 request,
        /// Security 1/2 Command0). Malformed input gives false. Does not change any state.
        /// </summary>
        bool IsHandshakeStart(byte[] data, int offset, int count);
    }
}
