using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>Creates the hidden-layer non-linearity that the options name.</summary>
internal static class Activations
{
    public static nn.Module<Tensor, Tensor> Create(HiddenActivation activation) => activation switch
    {
        HiddenActivation.Relu => nn.ReLU(),
        HiddenActivation.LeakyRelu => nn.LeakyReLU(0.01),
        HiddenActivation.Elu => nn.ELU(),
        HiddenActivation.Softplus => nn.Softplus(),
        HiddenActivation.Tanh => nn.Tanh(),
        HiddenActivation.Silu => nn.SiLU(),
        HiddenActivation.Gelu => nn.GELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
