using System.Globalization;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Diffusion.Artifacts;
using Framework.Plugins.Diffusion.Evaluation;
using Framework.Plugins.Diffusion.Networks;
using Framework.Plugins.Diffusion.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion;

/// <summary>
/// A denoising diffusion probabilistic model (Ho et al. 2020). Data x_0 in [-1, 1] is noised by
/// q(x_t | x_0) = N(sqrt(alpha_bar_t) x_0, (1 - alpha_bar_t) I) (<see cref="NoiseSchedule"/>); a network learns the
/// noise by L_simple = E_{t, x_0, eps} ||eps - eps_theta(x_t, t)||², or the clean example (||x_0 - x_theta||²) or the
/// velocity (||v - v_theta||²), from which eps_theta follows (<see cref="PredictionTarget"/>); samples come from
/// the reverse chain (<see cref="Sampling"/>), and the variational bound with a discretised decoder is the likelihood
/// figure (<see cref="VariationalBound"/>). The host's <c>training.ema</c> swaps its averaged weights in for evaluation
/// and sampling.
/// </summary>
internal sealed class DiffusionModel : IModel
{
    private readonly DiffusionOptions _options;
    private readonly NoiseSchedule _schedule;
    private readonly nn.Module<Tensor, Tensor, Tensor> _network;
    private readonly IOptimizer _optimizer;
    private readonly DataScaling _scaling;
    private readonly ReverseSampler _sampler;
    private readonly VariationalBound _bound;
    private readonly int _decoderBins;

    public DiffusionModel(DiffusionOptions options, IModelContext context)
    {
        _options = options;
        _schedule = options.Schedule == ScheduleKind.Linear
            ? NoiseSchedule.Linear(options.Timesteps, options.BetaStart, options.BetaEnd, options.Variance, context.Device)
            : NoiseSchedule.Cosine(options.Timesteps, options.CosineOffset, options.Variance, context.Device);
        var (network, shape) = NoiseNetworks.Create(options, context.Data.SampleShape);
        _network = network;
        _network.to(context.Device);
        _optimizer = context.Optimizers.Create(_network.parameters());
        _scaling = new DataScaling(context.Data, shape);
        _sampler = options.Sampler == SamplerKind.Ancestral
            ? new AncestralSampler(_schedule, options.ClipX0)
            : new DdimSampler(_schedule, options.SamplingSteps, options.Eta, options.ClipX0);
        _decoderBins = options.DecoderBins != 0 ? options.DecoderBins : _scaling.IsTwoValued ? 2 : 256;
        if (_decoderBins < 2)
            throw new ArgumentException($"model.decoder_bins must be 0 (automatic) or at least 2, not {_decoderBins}.");
        _bound = new VariationalBound(_schedule, PredictNoise, options.ClipX0, _decoderBins);
    }

    /// <summary>Ho et al.'s Algorithm 1: t ~ U{0..T-1}, eps ~ N(0, I), x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps,
    /// one gradient step on ||eps - eps_theta(x_t, t)||² (or ||x_0 - x_theta(x_t, t)||²; the mean over values and
    /// examples).</summary>
    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var x0 = _scaling.ToModel(batch.X);
        var t = randint(_options.Timesteps, [batch.Size], generator: context.Generator).to(context.Device);
        var noise = randn(x0.shape, generator: context.Generator).to(context.Device);
        var xt = _schedule.Diffuse(x0, t, noise);
        var perExample = (Target(x0, t, noise) - _network.forward(xt, t)).square().flatten(1).mean([1]);
        var loss = perExample.mean();
        _optimizer.Minimize(loss);

        if (!context.ReportsMetrics)
            return new StepOutput();
        var output = StepOutput.WithLoss(loss);
        if (_options.LossQuartiles)
            AddQuartiles(output, perExample.detach(), t);
        return output;
    }

    /// <summary>The bound on the first <c>vlb_examples</c> test examples (nats per example and bits per value, with its
    /// three parts), the simple loss on them, and a denoising trajectory.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        var test = context.Data.TestX;
        var count = _options.VlbExamples == 0 ? test.shape[0] : Math.Min(_options.VlbExamples, test.shape[0]);
        double prior = 0, diffusion = 0, decoder = 0, simple = 0, squares = 0;
        for (long start = 0; start < count; start += context.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var x0 = _scaling.ToModel(test.narrow(0, start, Math.Min(context.EvaluationBatchSize, count - start)));
            var terms = _bound.Compute(x0, _options.VlbTimesteps, context.Generator);
            prior += terms.Prior.sum().item<double>();
            diffusion += terms.Diffusion.sum().item<double>();
            decoder += terms.Decoder.sum().item<double>();
            squares += terms.Total.square().sum().item<double>();
            simple += SimpleLoss(x0, context.Generator).sum().item<double>();
        }

        context.SetTag("diffusion.vlb_timesteps", _options.VlbTimesteps == 0
            ? $"exact: all {_options.Timesteps - 1} terms"
            : $"estimated: {_options.VlbTimesteps} of {_options.Timesteps - 1} terms per example");
        context.SetTag("diffusion.decoder", $"discretised gaussian, {_decoderBins.ToString(CultureInfo.InvariantCulture)} bins on [-1, 1]");
        if (_options.TrajectorySamples > 0 && context.Data.Layout != SampleLayout.Vector)
            TrajectoryStrip.Log(context, _sampler, PredictNoise, _scaling, _options.TrajectorySamples, _options.TrajectoryFrames);

        var negElbo = (prior + diffusion + decoder) / count;
        // The estimate's standard error over examples: the sum over t drawn at a few timesteps per example varies a lot
        // from example to example (a draw at small t weighs T - 1 times), so two runs' bounds compare only beside it.
        var variance = count > 1 ? Math.Max(0, squares / count - negElbo * negElbo) * count / (count - 1) : 0;
        return new Dictionary<string, double>
        {
            ["test/neg_elbo"] = negElbo,
            ["test/neg_elbo_stderr"] = Math.Sqrt(variance / count),
            ["test/bits_per_dim"] = negElbo / (_scaling.Features * Math.Log(2)),
            ["test/vlb_prior"] = prior / count,
            ["test/vlb_diffusion"] = diffusion / count,
            ["test/vlb_decoder"] = decoder / count,
            ["test/loss"] = simple / count,
        };
    }

    /// <summary>x_T ~ N(0, I) through the reverse chain, then back to the data's range (by sign for two-valued data).</summary>
    public Tensor Sample(int count, IStepContext context)
    {
        var parts = new List<Tensor>();
        for (var start = 0; start < count; start += _options.SampleBatch)
        {
            var size = Math.Min(_options.SampleBatch, count - start);
            var xT = randn([size, .. _scaling.NetworkShape], generator: context.Generator).to(context.Device);
            parts.Add(_scaling.ToData(_sampler.Run(xT, PredictNoise, context.Generator)));
        }

        return parts.Count == 1 ? parts[0] : cat(parts, 0);
    }

    public void SaveState(BinaryWriter writer) => _network.save(writer);

    public void LoadState(BinaryReader reader) => _network.load(reader);

    public void Dispose()
    {
        _network.Dispose();
        _schedule.Dispose();
    }

    /// <summary>What the network is trained to output: the noise, the clean example, or the velocity.</summary>
    private Tensor Target(Tensor x0, Tensor t, Tensor noise) => _options.Prediction switch
    {
        PredictionTarget.Epsilon => noise,
        PredictionTarget.X0 => x0,
        _ => _schedule.Velocity(x0, t, noise),
    };

    /// <summary>eps_theta(x_t, t): the network's output, or the noise implied by its x_0 or its velocity.</summary>
    private Tensor PredictNoise(Tensor xt, Tensor t) => _options.Prediction switch
    {
        PredictionTarget.Epsilon => _network.forward(xt, t),
        PredictionTarget.X0 => _schedule.NoiseFrom(xt, t, _network.forward(xt, t)),
        _ => _schedule.NoiseFromVelocity(xt, t, _network.forward(xt, t)),
    };

    /// <summary>The training loss per example (mean over values) at uniform t.</summary>
    private Tensor SimpleLoss(Tensor x0, Generator generator)
    {
        var t = randint(_options.Timesteps, [x0.shape[0]], generator: generator).to(x0.device);
        var noise = randn(x0.shape, generator: generator).to(x0.device);
        return (Target(x0, t, noise) - _network.forward(_schedule.Diffuse(x0, t, noise), t)).square().flatten(1).mean([1]).to(float64);
    }

    /// <summary>The batch's loss split by quarter of 0..T-1 (NaN for a quarter without examples).</summary>
    private void AddQuartiles(StepOutput output, Tensor perExample, Tensor t)
    {
        var quarter = (t * 4).div(_options.Timesteps, rounding_mode: RoundingMode.floor);
        for (var q = 0; q < 4; q++)
        {
            var member = quarter.eq(q).to(perExample.dtype);
            output.Add($"train/loss_t_quartile_{q + 1}", (perExample * member).sum() / member.sum());
        }
    }
}
