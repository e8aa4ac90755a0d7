using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace FixtureGan;

/// <summary>
/// A GAN as the contracts see it: two networks, two optimisers that step alternately inside one TrainStep — the
/// shape Lightning calls manual optimisation. Proves the contracts need no host change for adversarial training.
/// </summary>
public sealed class GanModel : IModel
{
    private readonly GanOptions _options;
    private readonly Sequential _generator;
    private readonly Sequential _discriminator;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;
    private readonly long _features;

    public GanModel(GanOptions options, IModelContext context)
    {
        _options = options;
        _features = context.Data.FeatureCount;
        _generator = Sequential(Linear(options.Latent, options.Hidden), ReLU(), Linear(options.Hidden, _features));
        _discriminator = Sequential(Linear(_features, options.Hidden), LeakyReLU(0.2), Linear(options.Hidden, 1));
        _generator.to(context.Device);
        _discriminator.to(context.Device);
        _generatorOptimizer = context.Optimizer.Create(_generator.parameters());
        _discriminatorOptimizer = context.Optimizer.Create(_discriminator.parameters());
    }

    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var real = batch.X.reshape(batch.Size, _features);
        var ones = torch.ones(batch.Size, 1, device: context.Device);
        var zeros = torch.zeros(batch.Size, 1, device: context.Device);

        Tensor discriminatorLoss = torch.zeros(1);
        for (int i = 0; i < _options.DiscriminatorSteps; i++)
        {
            var fake = _generator.forward(Noise(batch.Size, context)).detach();
            discriminatorLoss = functional.binary_cross_entropy_with_logits(_discriminator.forward(real), ones)
                              + functional.binary_cross_entropy_with_logits(_discriminator.forward(fake), zeros);
            _discriminatorOptimizer.zero_grad();
            discriminatorLoss.backward();
            _discriminatorOptimizer.step();
        }

        var generated = _generator.forward(Noise(batch.Size, context));
        var generatorLoss = functional.binary_cross_entropy_with_logits(_discriminator.forward(generated), ones);
        _generatorOptimizer.zero_grad();
        generatorLoss.backward();
        _generatorOptimizer.step();

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

    public Tensor Sample(int count, IStepContext context) => _generator.forward(Noise(count, context));

    public void SaveState(BinaryWriter writer)
    {
        _generator.save(writer);
        _discriminator.save(writer);
        _generatorOptimizer.save_state_dict(writer);
        _discriminatorOptimizer.save_state_dict(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        _generator.load(reader);
        _discriminator.load(reader);
        _generatorOptimizer.load_state_dict(reader);
        _discriminatorOptimizer.load_state_dict(reader);
    }

    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _generator.Dispose();
        _discriminator.Dispose();
    }

    private Tensor Noise(long count, IStepContext context) =>
        torch.randn(count, _options.Latent, generator: context.Generator, device: context.Device);
}
