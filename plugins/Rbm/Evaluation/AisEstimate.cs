namespace Framework.Plugins.Rbm.Evaluation;

/// <summary>An Annealed Importance Sampling estimate of log Z.</summary>
/// <param name="LogZ">log of the mean importance weight times Z of the base model.</param>
/// <param name="Lower">log(mean - 3 standard errors) of the weights, or null when that is not positive.</param>
/// <param name="Upper">log(mean + 3 standard errors) of the weights.</param>
/// <param name="BaseLogZ">log Z of the base-rate model the chains start from.</param>
/// <param name="EffectiveSampleSize">(Σw)² / Σw², out of <paramref name="Runs"/>.</param>
/// <param name="Runs">Independent AIS runs.</param>
/// <param name="Steps">Transitions per run.</param>
internal sealed record AisEstimate(double LogZ, double? Lower, double Upper, double BaseLogZ, double EffectiveSampleSize, int Runs, int Steps);
