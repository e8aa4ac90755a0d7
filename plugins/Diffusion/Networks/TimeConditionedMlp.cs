using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Diffusion.Networks;

/// <summary>An MLP eps_theta(x_t, t) on flat examples: h_l = SiLU(W_l h_{l-1} + E_l temb), with temb the sinusoidal
/// embedding through Linear-SiLU-Linear; the output layer starts at zero (as the U-Net's), so training starts from
/// eps_theta = 0.</summary>
internal sealed class TimeConditionedMlp : Module<Tensor, Tensor, Tensor>
{
    private readonly int embedding;
    private readonly Sequential timeMlp;
    private readonly ModuleList<Linear> layers, timeProjections;
    private readonly Linear output;

    public TimeConditionedMlp(long features, IReadOnlyList<int> hidden, int embedding) : base(nameof(TimeConditionedMlp))
    {
        this.embedding = embedding;
        timeMlp = Sequential(Linear(embedding, embedding), SiLU(), Linear(embedding, embedding));
        layers = new ModuleList<Linear>();
        timeProjections = new ModuleList<Linear>();
        var width = features;
        foreach (var size in hidden)
        {
            layers.Add(Linear(width, size));
            timeProjections.Add(Linear(embedding, size));
            width = size;
        }

        output = Linear(width, features);
        init.zeros_(output.weight);
        init.zeros_(output.bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x, Tensor t)
    {
        var time = functional.silu(timeMlp.forward(TimestepEmbedding.Sinusoidal(t, embedding)));
        var h = x;
        for (var i = 0; i < layers.Count; i++)
            h = functional.silu(layers[i].forward(h) + timeProjections[i].forward(time));
        return output.forward(h);
    }
}
