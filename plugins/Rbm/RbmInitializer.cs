using Framework.Contracts.Models;
using Framework.Plugins.Rbm.Machines;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm;

/// <summary>Initial parameters after Hinton's practical guide (section 8): small Gaussian weights, zero hidden
/// biases, and visible biases log(p/(1-p)) of the training data's unit means (the means themselves for Gaussian units).</summary>
internal static class RbmInitializer
{
    /// <summary>Unit means are clipped away from 0 and 1 so that never-active pixels get a finite bias.</summary>
    private const double MeanClip = 1e-3;

    public static RestrictedBoltzmannMachine Create(RbmOptions options, VisibleEncoding encoding, IModelContext context)
    {
        var visible = encoding.Features;
        var device = context.Device;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var weights = (randn([visible, options.Hidden], dtype: ScalarType.Float32, device: device, generator: context.Generator) * options.WeightInitStd)
            .DetachFromDisposeScope();
        var hiddenBias = zeros(options.Hidden, dtype: ScalarType.Float32, device: device).DetachFromDisposeScope();
        var visibleBias = VisibleBias(options, encoding, context, visible).DetachFromDisposeScope();
        if (options.Visible == VisibleUnits.Bernoulli)
            return new BernoulliRbm(weights, visibleBias, hiddenBias);
        var logSigma = full(visible, Math.Log(options.Sigma), dtype: ScalarType.Float32, device: device).DetachFromDisposeScope();
        return new GaussianBernoulliRbm(weights, visibleBias, hiddenBias, logSigma, options.LearnSigma);
    }

    private static Tensor VisibleBias(RbmOptions options, VisibleEncoding encoding, IModelContext context, long visible)
    {
        if (!options.VisibleBiasFromData)
            return zeros(visible, dtype: ScalarType.Float32, device: context.Device);
        var mean = encoding.Encode(context.Data.TrainX).mean([0]).to(context.Device);
        if (options.Visible == VisibleUnits.Gaussian)
            return mean;
        var p = mean.clamp(MeanClip, 1 - MeanClip);
        return (p / (1 - p)).log();
    }
}
