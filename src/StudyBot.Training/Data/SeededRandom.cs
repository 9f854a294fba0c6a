namespace StudyBot.Training.Data;

/// <summary>
/// SplitMix64: a small generator whose output depends only on the seed (System.Random's seeded sequence is not
/// promised to stay the same across .NET versions), so data splits and orders are reproducible everywhere.
/// </summary>
public sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>Combines values into one well-mixed seed (for "seed of epoch e of run seed s").</summary>
    public static ulong Derive(long seed, params ReadOnlySpan<long> parts)
    {
        var random = new SeededRandom(unchecked((ulong)seed));
        var value = random.NextUInt64();
        foreach (var part in parts)
        {
            random = new SeededRandom(value ^ unchecked((ulong)part * 0xD1B54A32D192ED03UL));
            value = random.NextUInt64();
        }

        return value;
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A value in [0, <paramref name="exclusiveMax"/>), without modulo bias.</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        var bound = (ulong)exclusiveMax;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value >= limit);
        return (int)(value % bound);
    }

    /// <summary>A permutation of 0..count-1 (Fisher–Yates).</summary>
    public int[] Permutation(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
