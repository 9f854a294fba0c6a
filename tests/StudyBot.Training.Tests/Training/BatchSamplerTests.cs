using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Training;

public sealed class BatchSamplerTests
{
    [Fact]
    public void Every_example_appears_once_per_epoch_in_a_seeded_order()
    {
        var sampler = new BatchSampler(exampleCount: 10, batchSize: 5, seed: 3);
        var epoch0 = sampler.MicroBatch(0).Concat(sampler.MicroBatch(1)).ToList();
        var epoch1 = sampler.MicroBatch(2).Concat(sampler.MicroBatch(3)).ToList();

        Assert.Equal(Enumerable.Range(0, 10), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, 10), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.NotEqual(Enumerable.Range(0, 10), epoch0);
    }

    [Fact]
    public void The_order_depends_only_on_seed_and_batch_index()
    {
        var first = new BatchSampler(7, 3, seed: 11);
        var fresh = new BatchSampler(7, 3, seed: 11);
        _ = first.MicroBatch(0);
        _ = first.MicroBatch(5);

        Assert.Equal(fresh.MicroBatch(4), first.MicroBatch(4));
        Assert.NotEqual(new BatchSampler(7, 3, seed: 12).MicroBatch(4), first.MicroBatch(4));
    }
}
