using System.Security.Cryptography;

namespace StudyBot.Core.FineTune;

public static class FineTuneDatasetHash
{
    /// <summary>SHA-256 of the data, lower-case hex, as stored on the run.</summary>
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
