namespace Framework.Plugins.Vae;

/// <summary>The non-linearity after every hidden layer.</summary>
public enum HiddenActivation
{
    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>max(0.01 x, x).</summary>
    LeakyRelu,

    /// <summary>x for x &gt; 0, exp(x) - 1 otherwise.</summary>
    Elu,

    /// <summary>log(1 + exp(x)).</summary>
    Softplus,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>x sigmoid(x), also called swish.</summary>
    Silu,

    /// <summary>x Phi(x).</summary>
    Gelu,
}
