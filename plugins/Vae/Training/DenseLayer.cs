using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>A linear layer's weight and bias, and the views of the flat gradient buffer its gradients go to, applied to
/// activations stored feature-major (<c>[features, batch]</c>; see <see cref="FusedMlpStep"/>).</summary>
internal sealed class DenseLayer : IDisposable
{
    private readonly Tensor _biasColumn;

    public DenseLayer(Tensor weight, Tensor bias, Tensor weightGradient, Tensor biasGradient)
    {
        Weight = weight;
        WeightGradient = weightGradient;
        BiasGradient = biasGradient;
        Bias = bias;
        _biasColumn = bias.unsqueeze(1).DetachFromDisposeScope();
    }

    public Tensor Weight { get; }

    public Tensor WeightGradient { get; }

    public Tensor BiasGradient { get; }

    /// <summary>The bias, one value per output row.</summary>
    public Tensor Bias { get; }

    /// <summary>Its output width.</summary>
    public long Width => Weight.shape[0];

    /// <summary>outputᵀ = W inputᵀ + b, written into <paramref name="output"/>.</summary>
    public Tensor Forward(Tensor input, Tensor output) => ForwardWithoutBias(input, output).add_(_biasColumn);

    /// <summary>outputᵀ = W inputᵀ, for callers that add the bias in a pass of their own.</summary>
    public Tensor ForwardWithoutBias(Tensor input, Tensor output) => output.addmm_(Weight, input, 0, 1);

    /// <summary>Stores the gradients for the gradient at the layer's output and the layer's input (both feature-major).</summary>
    public void StoreGradients(Tensor outputGradient, Tensor input)
    {
        StoreWeightGradient(outputGradient, input);
        BiasGradient.copy_(outputGradient.sum(1, false, null));
    }

    /// <summary>Stores the weight gradient only, for callers whose pass over the output gradient already summed its rows into <see cref="BiasGradient"/>.</summary>
    public void StoreWeightGradient(Tensor outputGradient, Tensor input) => WeightGradient.addmm_(outputGradient, input.t(), 0, 1);

    /// <summary>The gradient at this layer's input, Wᵀ times the gradient at its output, written into <paramref name="inputGradient"/>.</summary>
    public Tensor Backward(Tensor outputGradient, Tensor inputGradient) => inputGradient.addmm_(Weight.t(), outputGradient, 0, 1);

    public void Dispose()
    {
        _biasColumn.Dispose();
        WeightGradient.Dispose();
        BiasGradient.Dispose();
    }
}
