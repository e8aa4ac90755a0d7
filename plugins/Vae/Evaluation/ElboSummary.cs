namespace Framework.Plugins.Vae.Evaluation;

/// <summary>The negative ELBO of a data set and its parts, in nats per example.</summary>
/// <param name="NegativeElbo">Reconstruction plus KL.</param>
/// <param name="Reconstruction">E_q[-log p(x|h)], estimated with the configured number of latent samples.</param>
/// <param name="Kl">KL(q(h|x) ‖ p(h)), exact.</param>
/// <param name="KlPerDimension">The KL of each latent dimension.</param>
/// <param name="PosteriorMeanVariance">The variance over the data of each dimension's posterior mean.</param>
internal sealed record ElboSummary(
    double NegativeElbo,
    double Reconstruction,
    double Kl,
    double[] KlPerDimension,
    double[] PosteriorMeanVariance)
{
    /// <summary>Latent dimensions whose posterior mean varies with the input by more than <paramref name="threshold"/> (Burda et al. 2016).</summary>
    public int ActiveUnits(double threshold) => PosteriorMeanVariance.Count(v => v > threshold);
}
