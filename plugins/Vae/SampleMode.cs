namespace Framework.Plugins.Vae;

/// <summary>What <c>Sample</c> returns for a latent draw h ~ N(0, I).</summary>
public enum SampleMode
{
    /// <summary>The decoder's mean E[x|h] (Bernoulli probabilities): the customary, smoother picture.</summary>
    Mean,

    /// <summary>A draw x ~ p(x|h), e.g. binary pixels for a Bernoulli decoder.</summary>
    Draw,
}
