using StudyBot.Training.Data;
using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using StudyBot.Training.Tests.Lora;
using StudyBot.Training.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Training;

public sealed class ChunkedCausalLmLossTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Chunked_loss_and_lora_gradients_equal_those_of_the_full_logits(int chunkPositions)
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = AdapterWithNonZeroB(model);
        var (inputs, labels) = Batch(rows: 3, length: 12, seed: 11);
        var labelled = labels.ne(TrainingExample.IgnoreIndex).sum().item<long>();

        var reference = CausalLmLoss.Mean(model.forward(inputs), labels);
        reference.backward();
        var referenceGrads = TakeGradients(adapter.TrainableParameters);

        var sum = ChunkedCausalLmLoss.SumAndBackward(model, inputs, labels, labelled, chunkPositions);

        Assert.False(sum.requires_grad);
        Assert.Equal(reference.item<float>(), sum.item<float>() / labelled, 5);
        AssertClose(referenceGrads, TakeGradients(adapter.TrainableParameters));
    }

    [Fact]
    public void With_every_weight_trainable_the_tied_embedding_gets_both_its_gradients()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        var parameters = model.parameters().ToList();
        var (inputs, labels) = Batch(rows: 2, length: 10, seed: 12);
        var labelled = labels.ne(TrainingExample.IgnoreIndex).sum().item<long>();

        CausalLmLoss.Mean(model.forward(inputs), labels).backward();
        var referenceGrads = TakeGradients(parameters);
        ChunkedCausalLmLoss.SumAndBackward(model, inputs, labels, labelled, chunkPositions: 3);

        AssertClose(referenceGrads, TakeGradients(parameters));
    }

    [Fact]
    public void Micro_batches_with_uneven_loss_tokens_accumulate_to_the_whole_batchs_token_mean()
    {
        using var scope = NewDisposeScope();
        using var model = LoraTestModels.Create();
        using var adapter = AdapterWithNonZeroB(model);
        var (inputs, labels) = Batch(rows: 4, length: 12, seed: 13);
        // Prompt/completion masking: the first micro-batch (rows 0-1) has 1 loss token per row, the second 11.
        using (no_grad())
        {
            labels[TensorIndex.Slice(0, 2), TensorIndex.Slice(0, 10)] = TrainingExample.IgnoreIndex;
        }

        var labelled = labels.ne(TrainingExample.IgnoreIndex).sum().item<long>();
        Assert.Equal((2 * 1) + (2 * 11), labelled);

        var whole = ChunkedCausalLmLoss.SumAndBackward(model, inputs, labels, labelled, chunkPositions: 5) / labelled;
        var wholeGrads = TakeGradients(adapter.TrainableParameters);
        var accumulated = zeros([]);
        foreach (var rows in new[] { TensorIndex.Slice(0, 2), TensorIndex.Slice(2, 4) })
        {
            accumulated += ChunkedCausalLmLoss.SumAndBackward(model, inputs[rows], labels[rows], labelled, chunkPositions: 5);
        }

        Assert.Equal(whole.item<float>(), (accumulated / labelled).item<float>(), 5);
        AssertClose(wholeGrads, TakeGradients(adapter.TrainableParameters));

        // The test has teeth: averaging the two micro-batches' own means is a different number.
        using var guard = no_grad();
        var meanOfMeans = (CausalLmLoss.Mean(model.forward(inputs[TensorIndex.Slice(0, 2)]), labels[TensorIndex.Slice(0, 2)])
            + CausalLmLoss.Mean(model.forward(inputs[TensorIndex.Slice(2, 4)]), labels[TensorIndex.Slice(2, 4)])) / 2;
        Assert.True(Math.Abs(meanOfMeans.item<float>() - whole.item<float>()) > 1e-3, $"{meanOfMeans.item<float>()} vs {whole.item<float>()}");
    }

    [Fact]
    public void Chunk_size_follows_the_vocabulary_so_one_chunk_of_logits_stays_bounded()
    {
        Assert.Equal(1335, ChunkedCausalLmLoss.ChunkPositionsFor(50257));
        Assert.Equal(ChunkedCausalLmLoss.DefaultChunkElements / 257, ChunkedCausalLmLoss.ChunkPositionsFor(257));
        Assert.Equal(1, ChunkedCausalLmLoss.ChunkPositionsFor(int.MaxValue));
    }

    private static LoraAdapter AdapterWithNonZeroB(Gpt2LMHeadModel model)
    {
        random.manual_seed(9);
        var adapter = LoraAdapter.Inject(model, new LoraSettings(Rank: 4, Alpha: 8, TargetModules: ["c_attn", "c_proj", "c_fc"]));
        using var guard = no_grad();
        foreach (var b in adapter.TrainableParameters.Where((_, i) => i % 2 == 1))
        {
            b.normal_(0, 0.1);
        }

        return adapter;
    }

    /// <summary>Random tokens, labels shifted by one, the last position and a few others unlabelled.</summary>
    private static (Tensor Inputs, Tensor Labels) Batch(int rows, int length, long seed)
    {
        random.manual_seed(seed);
        var inputs = randint(0, LoraTestModels.Config.VocabSize, [rows, length], ScalarType.Int64);
        var labels = inputs.roll(-1, 1);
        labels[TensorIndex.Colon, length - 1] = TrainingExample.IgnoreIndex;
        labels[0, 1] = TrainingExample.IgnoreIndex;
        return (inputs, labels);
    }

    /// <summary>Copies the gradients and clears them for the next pass.</summary>
    private static List<Tensor> TakeGradients(IEnumerable<Parameter> parameters)
    {
        var copies = new List<Tensor>();
        foreach (var parameter in parameters)
        {
            var grad = parameter.grad ?? throw new InvalidOperationException("a parameter received no gradient");
            copies.Add(grad.clone());
            grad.zero_();
        }

        return copies;
    }

    private static void AssertClose(List<Tensor> expected, List<Tensor> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].abs().max().item<float>() > 0, $"gradient {i} is zero; the comparison would prove nothing");
            var difference = (expected[i] - actual[i]).abs().max().item<float>();
            Assert.True(actual[i].allclose(expected[i], rtol: 1e-4, atol: 1e-7), $"gradient {i} differs by up to {difference}");
        }
    }
}
