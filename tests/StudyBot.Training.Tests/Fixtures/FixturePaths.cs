namespace StudyBot.Training.Tests.Fixtures;

/// <summary>Where the checked-in fixtures land in the test output folder.</summary>
public static class FixturePaths
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>2 layers, n_embd 32, 4 heads, vocab 300, 64 positions; keys without "transformer.", plus attn.bias and lm_head.</summary>
    public static string TinyGpt2 => Path.Combine(Root, "tiny-gpt2");

    /// <summary>GPT-2-style byte-level BPE: 256 byte symbols, a few dozen merges, &lt;|endoftext|&gt; = 297.</summary>
    public static string Gpt2Bpe => Path.Combine(Root, "gpt2-bpe");
}
