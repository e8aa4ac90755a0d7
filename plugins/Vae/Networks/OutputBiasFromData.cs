using Framework.Plugins.Vae.Objective;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Networks;

/// <summary>Sets the decoder's output bias to the training data's mean, so that an untrained decoder already predicts
/// the data's marginal: log-odds of the mean for a Bernoulli decoder, the mean itself for a Gaussian one.</summary>
internal static class OutputBiasFromData
{
    // Pixels that are 0 in every image (Fashion-MNIST's borders) would ask for a logit of -infinity.
    private const double ProbabilityFloor = 1e-3;

    public static void Apply(VaeNetwork network, Tensor trainX)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var bias = network.OutputBias;
        var examples = trainX.reshape(trainX.shape[0], -1);
        Tensor mean;
        if (bias.shape[0] == examples.shape[1])
        {
            mean = examples.mean([0]);
        }
        else
        {
            // A convolutional output has one bias per channel: average over examples and pixels of each channel.
            mean = trainX.reshape(trainX.shape[0], bias.shape[0], -1).mean([0, 2]);
        }

        var value = network.Observation is BernoulliObservation
            ? mean.clamp(ProbabilityFloor, 1 - ProbabilityFloor).logit()
            : mean;
        bias.copy_(value.to(bias.dtype));
    }
}
