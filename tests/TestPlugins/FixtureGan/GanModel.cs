using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FixtureGan;

/// <summary>
/// A GAN as the contracts see it: two networks and two host-built optimiser groups that step alternately inside one
/// TrainStep, the shape Lightning calls manual optimisation. Each group's learning rate, schedule and state are the
/// host's; each Minimize reaches only its own network.
/// </summary>
public sealed class GanModel : IModel
{
    private readonly GanOptions _options;
    private readonly Sequential _generator;
    private readonly Sequential _discriminator;
    private readonly IOptimizer _generatorOptimizer;
    private readonly IOptimizer _discriminatorOptimizer;
    private readonly long _features;
    private readonly ValueRange _range;

    public GanModel(GanOptions options, IModelContext context)
    {
        _options = options;
        _features = context.Data.FeatureCount;
        _range = context.Data.ValueRange;
        _generator = Sequential(Linear(options.Latent, options.Hidden), ReLU(), Linear(options.Hidden, _features));
        _discriminator = Sequential(Linear(_features, options.Hidden), LeakyReLU(0.2), Linear(options.Hidden, 1));
        _generator.to(context.Device);
        _discriminator.to(context.Device);
        _generatorOptimizer = context.Optimizers.Create(GanPlugin.Generator, _generator.parameters());
        _discriminatorOptimizer = context.Optimizers.Create(GanPlugin.Discriminator, _discriminator.parameters());
    }

    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var real = batch.X.reshape(batch.Size, _features);
        var ones = torch.ones(batch.Size, 1, device: context.Device);
        var zeros = torch.zeros(batch.Size, 1, device: context.Device);

        // The discriminator: log D(x) + log(1 - D(G(z))), the generator's output held fixed.
        Tensor discriminatorLoss = torch.zeros(1);
        for (int i = 0; i < _options.DiscriminatorSteps; i++)
        {
            var fake = _generator.forward(Noise(batch.Size, context)).detach();
            discriminatorLoss = functional.binary_cross_entropy_with_logits(_discriminator.forward(real), ones)
                              + functional.binary_cross_entropy_with_logits(_discriminator.forward(fake), zeros);
            _discriminatorOptimizer.Minimize(discriminatorLoss);
        }

        // The generator, non-saturating: maximise log D(G(z)).
        var generatorLoss = functional.binary_cross_entropy_with_logits(_discriminator.forward(_generator.forward(Noise(batch.Size, context))), ones);
        _generatorOptimizer.Minimize(generatorLoss);

        // The host reads this step's output only when it reports metrics (contracts 1.2); the update is the same.
        if (!context.ReportsMetrics)
            return new StepOutput();
        return StepOutput.WithLoss(generatorLoss + discriminatorLoss)
            .Add("train/g_loss", generatorLoss)
            .Add("train/d_loss", discriminatorLoss);
    }

    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        // Mean distance from generated points to their nearest test point: small when the generator covers the data.
        var samples = _generator.forward(Noise(512, context));
        var test = context.Data.TestX.reshape(context.Data.TestX.shape[0], _features);
        double distance = cdist(samples, test).min(1).values.mean().item<float>();
        return new Dictionary<string, double> { ["test/nearest_distance"] = distance };
    }

    /// <summary>Generated points squashed into the data's value range, as the contracts ask of samples.</summary>
    public Tensor Sample(int count, IStepContext context) => _generator.forward(Noise(count, context)).clamp(_range.Min, _range.Max);

    public void SaveState(BinaryWriter writer)
    {
        _generator.save(writer);
        _discriminator.save(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        _generator.load(reader);
        _discriminator.load(reader);
    }

    public void Dispose()
    {
        _generator.Dispose();
        _discriminator.Dispose();
    }

    private Tensor Noise(long count, IStepContext context) =>
        torch.randn(count, _options.Latent, generator: context.Generator, device: context.Device);
}
