using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>GPT-2 causal self-attention: fused q/k/v projection, scaled dot-product attention, output projection.</summary>
public sealed class Gpt2Attention : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // checkpoint naming
    private readonly Gpt2Conv1D c_attn;
    private readonly Gpt2Conv1D c_proj;
#pragma warning restore IDE1006
    private readonly Gpt2Config config;

    public Gpt2Attention(string name, Gpt2Config config)
        : base(name)
    {
        this.config = config;
        c_attn = new Gpt2Conv1D("c_attn", config.NEmbd, 3L * config.NEmbd);
        c_proj = new Gpt2Conv1D("c_proj", config.NEmbd, config.NEmbd);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var batch = input.shape[0];
        var time = input.shape[1];
        var qkv = c_attn.forward(input);
        var parts = qkv.split(config.NEmbd, dim: 2);
        var q = SplitHeads(parts[0], batch, time);
        var k = SplitHeads(parts[1], batch, time);
        var v = SplitHeads(parts[2], batch, time);

        // Scale 1/sqrt(head_dim) is SDPA's default, as in Hugging Face's scale_attn_weights=True.
        var attended = nn.functional.scaled_dot_product_attention(
            q, k, v, attn_mask: null, p: training ? config.AttnPdrop : 0.0, is_casual: true);
        var merged = attended.transpose(1, 2).reshape(batch, time, config.NEmbd);
        var output = nn.functional.dropout(c_proj.forward(merged), config.ResidPdrop, training);
        return output.MoveToOuterDisposeScope();
    }

    private Tensor SplitHeads(Tensor x, long batch, long time) =>
        x.view(batch, time, config.NHead, config.HeadDim).transpose(1, 2);
}
