using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Gan.Networks;

/// <summary>A fully connected discriminator: x -> [Linear -> LeakyReLU(0.2)] per hidden layer -> Linear(1), one logit
/// (or critic value) per example. Its hidden widths are the generator's in reverse.</summary>
internal sealed class MlpDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public MlpDiscriminator(long features, IReadOnlyList<int> hidden, Device device) : base(nameof(MlpDiscriminator))
    {
        var list = new List<(string, Module<Tensor, Tensor>)>();
        var width = features;
        for (var i = hidden.Count - 1; i >= 0; i--)
        {
            list.Add(($"fc{i}", Linear(width, hidden[i], device: device)));
            list.Add(($"act{i}", LeakyReLU(0.2)));
            width = hidden[i];
        }

        list.Add(("output", Linear(width, 1, device: device)));
        layers = Sequential(list);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => layers.forward(x).squeeze(1);
}
