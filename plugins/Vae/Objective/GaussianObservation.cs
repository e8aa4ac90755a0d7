using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Objective;

/// <summary>Independent Gaussian values with the decoder's output as mean and a fixed or learned standard deviation.</summary>
internal sealed class GaussianObservation : ObservationModel
{
    // A learned variance on data with constant values (image borders) would shrink towards 0 and drive the
    // likelihood to infinity; this floor keeps it finite and is far below the grey-level resolution of 1/255.
    private static readonly double MinimumLogSigma = Math.Log(1e-3);
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private Parameter? log_sigma;
    private readonly double _fixedLogSigma;

    public GaussianObservation(long features, double sigma, bool learned, Device device)
        : base("gaussian")
    {
        _fixedLogSigma = Math.Log(sigma);
        if (learned)
            log_sigma = new Parameter(full(features, _fixedLogSigma, dtype: float32, device: device));
        RegisterComponents();
    }

    /// <summary>The learned log standard deviations, or null when the variance is fixed; settable so that the
    /// parameter can be moved into the model's flat parameter buffer.</summary>
    public Parameter? LogSigma
    {
        get => log_sigma;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (log_sigma is null)
                throw new InvalidOperationException("This Gaussian decoder has a fixed variance; there is no parameter to replace.");
            log_sigma = value;
            ConditionallyRegisterParameter(nameof(log_sigma), value);
        }
    }

    public override Tensor NegativeLogLikelihoodSum(Tensor output, Tensor x) => LogLikelihood(output, x).sum().neg_();

    public override Tensor LogLikelihood(Tensor output, Tensor x)
    {
        if (log_sigma is null)
        {
            var z = (x - output).mul_(Math.Exp(-_fixedLogSigma));
            return z.square().sum(-1).mul_(-0.5).sub_(output.shape[^1] * (_fixedLogSigma + HalfLogTwoPi));
        }

        var logSigma = log_sigma.clamp_min(MinimumLogSigma);
        var standardised = (x - output) * (-logSigma).exp();
        return (standardised.square() * -0.5 - logSigma).sum(-1) - output.shape[^1] * HalfLogTwoPi;
    }

    public override Tensor Mean(Tensor output) => output.alias();

    public override Tensor Draw(Tensor output, Generator generator)
    {
        var sigma = log_sigma is null ? full(1, Math.Exp(_fixedLogSigma), dtype: output.dtype, device: output.device) : log_sigma.clamp_min(MinimumLogSigma).exp();
        return output + sigma * randn(output.shape, dtype: output.dtype, device: output.device, generator: generator);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            log_sigma?.Dispose();
        base.Dispose(disposing);
    }
}
