using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>Fully connected encoder and decoder: features → hidden... → 2 x latent, and latent → ...hidden → features.</summary>
internal static class MlpNetworks
{
    public static Sequential Encoder(long features, IReadOnlyList<int> hidden, int latentDim, HiddenActivation activation, Device device)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = features;
        for (var i = 0; i < hidden.Count; i++)
        {
            layers.Add(($"fc{i}", nn.Linear(width, hidden[i], device: device)));
            layers.Add(($"act{i}", Activations.Create(activation)));
            width = hidden[i];
        }

        layers.Add(("posterior", nn.Linear(width, 2L * latentDim, device: device)));
        return nn.Sequential(layers);
    }

    public static Sequential Decoder(long features, IReadOnlyList<int> hidden, int latentDim, HiddenActivation activation, Device device)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long width = latentDim;
        for (var i = hidden.Count - 1; i >= 0; i--)
        {
            layers.Add(($"fc{i}", nn.Linear(width, hidden[i], device: device)));
            layers.Add(($"act{i}", Activations.Create(activation)));
            width = hidden[i];
        }

        layers.Add(("output", nn.Linear(width, features, device: device)));
        return nn.Sequential(layers);
    }
}
