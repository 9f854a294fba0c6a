using StudyBot.Training.Data;

namespace StudyBot.Training.Training;

/// <summary>
/// Which training sequences make up micro-batch n. The order is a fresh seeded permutation per epoch and depends
/// only on (seed, n), so a resumed run sees exactly the batches an uninterrupted one would, with no state to save.
/// </summary>
public sealed class BatchSampler
{
    private readonly int _exampleCount;
    private readonly int _batchSize;
    private readonly long _seed;
    private long _cachedEpoch = -1;
    private int[] _cachedOrder = [];

    public BatchSampler(int exampleCount, int batchSize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exampleCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _exampleCount = exampleCount;
        _batchSize = batchSize;
        _seed = seed;
    }

    /// <summary>The example indices of micro-batch <paramref name="microBatchIndex"/> (batches may straddle epochs).</summary>
    public int[] MicroBatch(long microBatchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microBatchIndex);
        var indices = new int[_batchSize];
        for (var i = 0; i < _batchSize; i++)
        {
            var position = (microBatchIndex * _batchSize) + i;
            indices[i] = OrderOfEpoch(position / _exampleCount)[(int)(position % _exampleCount)];
        }

        return indices;
    }

    private int[] OrderOfEpoch(long epoch)
    {
        if (epoch != _cachedEpoch)
        {
            _cachedOrder = new SeededRandom(SeededRandom.Derive(_seed, 0xDA7A, epoch)).Permutation(_exampleCount);
            _cachedEpoch = epoch;
        }

        return _cachedOrder;
    }
}
