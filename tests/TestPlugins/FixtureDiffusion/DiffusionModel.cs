using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FixtureDiffusion;

/// <summary>
/// Denoising diffusion (Ho et al. 2020) on flat vectors: a linear beta schedule, training on one random timestep per
/// example, and ancestral sampling through all T steps. The sampling loop is the part that stresses the host: T
/// iterations, each freeing its temporaries in its own dispose scope, so memory stays flat however long T is. The
/// host's optimiser, schedule and weight average (training.ema, which sampling then uses) need nothing from it.
/// </summary>
public sealed class DiffusionModel : IModel
{
    private readonly DiffusionOptions _options;
    private readonly long _features;
    private readonly Sequential _network;
    private readonly IOptimizer _optimizer;
    private readonly Tensor _betas;
    private readonly Tensor _alphaBars;
    private readonly ValueRange _range;

    public DiffusionModel(DiffusionOptions options, IModelContext context)
    {
        _options = options;
        _features = context.Data.FeatureCount;
        _range = context.Data.ValueRange;
        _network = Sequential(Linear(_features + 1, options.Hidden), SiLU(), Linear(options.Hidden, options.Hidden), SiLU(),
            Linear(options.Hidden, _features));
        _network.to(context.Device);
        _optimizer = context.Optimizers.Create(_network.parameters());
        _betas = linspace(options.BetaStart, options.BetaEnd, options.Timesteps, dtype: float32, device: context.Device)
            .MoveToOuterDisposeScope();
        _alphaBars = cumprod(1 - _betas, 0).MoveToOuterDisposeScope();
    }

    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var x0 = batch.X.reshape(batch.Size, _features);
        var t = randint(_options.Timesteps, [batch.Size], generator: context.Generator).to(context.Device);
        var noise = randn(x0.shape, generator: context.Generator).to(context.Device);
        var alphaBar = _alphaBars.index_select(0, t).unsqueeze(1);
        var noisy = sqrt(alphaBar) * x0 + sqrt(1 - alphaBar) * noise;
        var loss = functional.mse_loss(PredictNoise(noisy, t), noise);
        _optimizer.Minimize(loss);
        return StepOutput.WithLoss(loss);
    }

    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        var x0 = context.Data.TestX.reshape(context.Data.TestX.shape[0], _features);
        var t = randint(_options.Timesteps, [x0.shape[0]], generator: context.Generator).to(context.Device);
        var noise = randn(x0.shape, generator: context.Generator).to(context.Device);
        var alphaBar = _alphaBars.index_select(0, t).unsqueeze(1);
        var noisy = sqrt(alphaBar) * x0 + sqrt(1 - alphaBar) * noise;
        double loss = functional.mse_loss(PredictNoise(noisy, t), noise).item<float>();
        return new Dictionary<string, double> { ["test/loss"] = loss };
    }

    public Tensor Sample(int count, IStepContext context)
    {
        var x = randn(count, _features, generator: context.Generator).to(context.Device);
        for (int step = _options.Timesteps - 1; step >= 0; step--)
        {
            using var scope = NewDisposeScope();
            var t = full([count], step, dtype: int64, device: context.Device);
            var beta = _betas[step];
            var alphaBar = _alphaBars[step];
            var mean = (x - beta / sqrt(1 - alphaBar) * PredictNoise(x, t)) / sqrt(1 - beta);
            var next = step > 0 ? mean + sqrt(beta) * randn(x.shape, generator: context.Generator).to(context.Device) : mean;
            x = next.MoveToOuterDisposeScope();
        }
        // The chain ends near the data, not inside its range: clip as DDPM's sampler clips to [-1, 1].
        return x.clamp_(_range.Min, _range.Max);
    }

    public void SaveState(BinaryWriter writer) => _network.save(writer);

    public void LoadState(BinaryReader reader) => _network.load(reader);

    public void Dispose()
    {
        _network.Dispose();
        _betas.Dispose();
        _alphaBars.Dispose();
    }

    private Tensor PredictNoise(Tensor x, Tensor t)
    {
        var time = (t.to(float32) / _options.Timesteps).unsqueeze(1);
        return _network.forward(cat([x, time], 1));
    }
}
