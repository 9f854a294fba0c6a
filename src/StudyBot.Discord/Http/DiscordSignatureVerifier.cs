using System.Text;
using NSec.Cryptography;

namespace StudyBot.Discord.Http;

/// <summary>Ed25519 verification of Discord's request signatures (over timestamp + raw body) with NSec.</summary>
public sealed class DiscordSignatureVerifier
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey publicKey;

    public DiscordSignatureVerifier(string publicKeyHex)
    {
        if (!TryFromHex(publicKeyHex, out var raw) || raw.Length != Algorithm.PublicKeySize)
        {
            throw new ArgumentException("The public key must be 64 hex characters (32 bytes).", nameof(publicKeyHex));
        }

        publicKey = PublicKey.Import(Algorithm, raw, KeyBlobFormat.RawPublicKey);
    }

    /// <summary>True when <paramref name="signatureHex"/> signs <paramref name="timestamp"/> followed by <paramref name="body"/>.</summary>
    public bool Verify(string? timestamp, ReadOnlySpan<byte> body, string? signatureHex)
    {
        if (string.IsNullOrEmpty(timestamp) || !TryFromHex(signatureHex, out var signature) || signature.Length != Algorithm.SignatureSize)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Algorithm.Verify(publicKey, message, signature);
    }

    /// <summary>Plain Ed25519 verification, for callers (and RFC 8032 tests) that hold raw bytes.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Algorithm.PublicKeySize || signature.Length != Algorithm.SignatureSize)
        {
            return false;
        }

        return PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) && key is not null && Algorithm.Verify(key, message, signature);
    }

    private static bool TryFromHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(hex) || hex.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
