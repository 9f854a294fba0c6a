using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>The GPT-2 trunk ("transformer" in Hugging Face): token and position embeddings, blocks h.{i}, final ln_f.</summary>
public sealed class Gpt2Model : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // checkpoint naming
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<Gpt2Block> h;
    private readonly LayerNorm ln_f;
#pragma warning restore IDE1006
    private readonly Gpt2Config config;

    public Gpt2Model(string name, Gpt2Config config)
        : base(name)
    {
        this.config = config;
        wte = nn.Embedding(config.VocabSize, config.NEmbd);
        wpe = nn.Embedding(config.NPositions, config.NEmbd);
        h = nn.ModuleList(Enumerable.Range(0, config.NLayer).Select(i => new Gpt2Block(i.ToString(System.Globalization.CultureInfo.InvariantCulture), config)).ToArray());
        ln_f = nn.LayerNorm(config.NEmbd, config.LayerNormEpsilon);
        RegisterComponents();
    }

    /// <summary>Token embedding matrix [vocab, n_embd], shared with the LM head.</summary>
    public Tensor TokenEmbedding => wte.weight!;

    /// <summary>Input: int64 token ids [B, T]. Output: final hidden states [B, T, n_embd] in the weights' dtype.</summary>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var time = inputIds.shape[1];
        if (time > config.NPositions)
        {
            throw new ArgumentException($"Sequence length {time} exceeds the model's n_positions ({config.NPositions}).", nameof(inputIds));
        }

        var positions = arange(time, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        var x = wte.forward(inputIds) + wpe.forward(positions);
        x = nn.functional.dropout(x, config.EmbdPdrop, training);
        foreach (var block in h)
        {
            x = block.forward(x);
        }

        return ln_f.forward(x).MoveToOuterDisposeScope();
    }
}
