using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Framework.Plugins.Gan.Networks;

/// <summary>A fully connected generator: z -> [Linear -> ReLU] per hidden layer -> Linear(features) -> tanh.</summary>
internal sealed class MlpGenerator : GeneratorNetwork
{
    private readonly Sequential layers;

    public MlpGenerator(LatentNoise latent, IReadOnlyList<int> hidden, long features, Device device) : base(nameof(MlpGenerator), latent)
    {
        var list = new List<(string, Module<Tensor, Tensor>)>();
        long width = latent.Size;
        for (var i = 0; i < hidden.Count; i++)
        {
            list.Add(($"fc{i}", Linear(width, hidden[i], device: device)));
            list.Add(($"act{i}", ReLU()));
            width = hidden[i];
        }

        list.Add(("output", Linear(width, features, device: device)));
        list.Add(("tanh", Tanh()));
        layers = Sequential(list);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z) => layers.forward(z);
}
