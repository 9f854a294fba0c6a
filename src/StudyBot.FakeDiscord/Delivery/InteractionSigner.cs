using System.Text;
using NSec.Cryptography;

namespace StudyBot.FakeDiscord.Delivery;

/// <summary>The application's Ed25519 key pair: Discord signs timestamp + body of every HTTP-delivered interaction.</summary>
internal sealed class InteractionSigner : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key = Key.Create(Algorithm);

    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public string Sign(string timestamp, string body) =>
        Convert.ToHexStringLower(Algorithm.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body)));

    public void Dispose() => _key.Dispose();
}
