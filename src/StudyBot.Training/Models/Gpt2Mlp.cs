using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>GPT-2 feed-forward: n_embd → 4·n_embd, tanh-approximated GELU ("gelu_new"), → n_embd.</summary>
public sealed class Gpt2Mlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // checkpoint naming
    private readonly Gpt2Conv1D c_fc;
    private readonly Gpt2Conv1D c_proj;
#pragma warning restore IDE1006
    private readonly double residPdrop;

    public Gpt2Mlp(string name, Gpt2Config config)
        : base(name)
    {
        residPdrop = config.ResidPdrop;
        c_fc = new Gpt2Conv1D("c_fc", config.NEmbd, 4L * config.NEmbd);
        c_proj = new Gpt2Conv1D("c_proj", 4L * config.NEmbd, config.NEmbd);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();

        // libtorch's tanh GELU is exactly 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), i.e. gelu_new.
        var hidden = nn.functional.gelu(c_fc.forward(input), TorchSharp.Modules.GELU.Approximate.tanh);
        var output = nn.functional.dropout(c_proj.forward(hidden), residPdrop, training);
        return output.MoveToOuterDisposeScope();
    }
}
