namespace Framework.Plugins.Vae;

/// <summary>The encoder and decoder networks.</summary>
public enum VaeArchitecture
{
    /// <summary>Fully connected layers (the PyTorch example: 784-400-20).</summary>
    Mlp,

    /// <summary>The Keras MNIST example: stride-2 convolutions, a dense layer, mirrored transposed convolutions.</summary>
    Conv,
}
