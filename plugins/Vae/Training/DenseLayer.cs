using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>A linear layer's weight and bias, and the views of the flat gradient buffer its gradients go to.</summary>
internal sealed record DenseLayer(Tensor Weight, Tensor Bias, Tensor WeightGradient, Tensor BiasGradient) : IDisposable
{
    /// <summary>Its output width.</summary>
    public long Width => Weight.shape[0];

    /// <summary>output = input Wᵀ + b, written into <paramref name="output"/>.</summary>
    public Tensor Forward(Tensor input, Tensor output) => output.addmm_(input, Weight.t(), 0, 1).add_(Bias);

    /// <summary>Stores the gradients for an output gradient <paramref name="outputGradient"/> and this layer's <paramref name="input"/>.</summary>
    public void StoreGradients(Tensor outputGradient, Tensor input)
    {
        WeightGradient.addmm_(outputGradient.t(), input, 0, 1);
        BiasGradient.copy_(outputGradient.sum(0, false, null));
    }

    /// <summary>The gradient for this layer's input, written into <paramref name="inputGradient"/>.</summary>
    public Tensor Backward(Tensor outputGradient, Tensor inputGradient) => inputGradient.addmm_(outputGradient, Weight, 0, 1);

    public void Dispose()
    {
        WeightGradient.Dispose();
        BiasGradient.Dispose();
    }
}
