using System.Text;
using NSec.Cryptography;
using StudyBot.Discord.Http;

namespace StudyBot.Discord.Tests.Unit;

public sealed class DiscordSignatureVerifierTests
{
    // RFC 8032 section 7.1, Ed25519 TEST 1 to TEST 3: public key, message, signature.
    public static TheoryData<string, string, string> Rfc8032Vectors => new()
    {
        {
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        },
        {
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        },
        {
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Rfc8032_signatures_verify(string publicKey, string message, string signature)
    {
        Assert.True(DiscordSignatureVerifier.Verify(Convert.FromHexString(publicKey), Convert.FromHexString(message), Convert.FromHexString(signature)));
    }

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Rfc8032_signatures_fail_after_one_flipped_bit(string publicKey, string message, string signature)
    {
        var tampered = Convert.FromHexString(signature);
        tampered[5] ^= 0x01;

        Assert.False(DiscordSignatureVerifier.Verify(Convert.FromHexString(publicKey), Convert.FromHexString(message), tampered));
    }

    [Fact]
    public void Rfc8032_test1_secret_key_reproduces_the_published_signature()
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), KeyBlobFormat.RawPrivateKey);

        var signature = SignatureAlgorithm.Ed25519.Sign(key, []);

        Assert.Equal("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", Convert.ToHexStringLower(signature));
    }

    [Fact]
    public void Discord_style_signature_covers_timestamp_and_body()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        var verifier = new DiscordSignatureVerifier(Convert.ToHexString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        var body = """{"type":1}"""u8.ToArray();
        var signature = Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes("1700000000" + """{"type":1}""")));

        Assert.True(verifier.Verify("1700000000", body, signature));
        Assert.False(verifier.Verify("1700000001", body, signature));
        Assert.False(verifier.Verify("1700000000", """{"type":2}"""u8, signature));
        Assert.False(verifier.Verify("1700000000", body, "not-hex"));
        Assert.False(verifier.Verify(null, body, signature));
    }
}
