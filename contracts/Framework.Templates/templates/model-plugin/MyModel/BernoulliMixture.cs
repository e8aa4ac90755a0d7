using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MyModel;

/// <summary>A mixture of K products of Bernoulli distributions, with an exact likelihood:
/// p(x) = Σ_k π_k Π_d μ_kd^x_d (1 − μ_kd)^(1 − x_d), with π = softmax(a) and μ = σ(B), fitted by maximising the mean
/// log-likelihood. Values are mapped from the data's range to {0, 1} and back.</summary>
internal sealed class BernoulliMixture : IModel
{
    private readonly Parameter _mixingLogits;     // a, [K]
    private readonly Parameter _componentLogits;  // B, [K, D]
    private readonly IOptimizer _optimizer;
    private readonly ValueRange _range;
    private readonly long[] _shape;

    public BernoulliMixture(MyModelOptions options, IModelContext context)
    {
        _range = context.Data.ValueRange;
        _shape = context.Data.SampleShape;
        var spread = randn([options.Components, context.Data.FeatureCount], generator: context.Generator).mul_(options.InitialSpread);
        // Parameters live as long as the model, outside any dispose scope of the caller.
        _mixingLogits = new Parameter(zeros(options.Components, device: context.Device));
        _componentLogits = new Parameter(spread.to(context.Device));
        _mixingLogits.DetachFromDisposeScope();
        _componentLogits.DetachFromDisposeScope();
        // The host builds the optimiser from training.optimizer and owns its state, schedule and checkpoints.
        _optimizer = context.Optimizers.Create([_mixingLogits, _componentLogits]);
    }

    /// <summary>log p(x) of each example: log Σ_k exp(log π_k + Σ_d log p(x_d | μ_kd)), where, for x_d in {0, 1},
    /// log p(x_d | μ_kd) = −softplus(−(2x_d − 1)·B_kd).</summary>
    internal Tensor LogLikelihood(Tensor x)
    {
        var bits = Encode(x).reshape(x.shape[0], 1, -1);                                 // [n, 1, D]
        var perComponent = -functional.softplus(-(bits * 2 - 1) * _componentLogits).sum(2); // [n, K]
        return (functional.log_softmax(_mixingLogits, 0) + perComponent).logsumexp(1);     // [n]
    }

    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var loss = -LogLikelihood(batch.X).mean();  // maximum likelihood
        _optimizer.Minimize(loss);
        return StepOutput.WithLoss(loss);
    }

    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        var test = context.Data.TestX;
        var total = 0.0;
        for (long start = 0; start < test.shape[0]; start += context.EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(context.EvaluationBatchSize, test.shape[0] - start);
            total += LogLikelihood(test.narrow(0, start, size)).sum().to(float64).item<double>();
        }

        context.SetTag("framework.loglik_estimator", "exact");
        return new Dictionary<string, double> { ["test/loglik"] = total / test.shape[0] };
    }

    /// <summary>A component k ~ π for each sample, then each value ~ Bernoulli(μ_k), drawn with the run's generator.</summary>
    public Tensor Sample(int count, IStepContext context)
    {
        var components = multinomial(functional.softmax(_mixingLogits, 0), count, replacement: true, generator: context.Generator);
        var means = _componentLogits.index_select(0, components).sigmoid();
        var bits = rand(means.shape, generator: context.Generator, device: means.device).lt(means).to(float32);
        return Decode(bits).reshape([count, .. _shape]);
    }

    public void SaveState(BinaryWriter writer)
    {
        _mixingLogits.Save(writer);
        _componentLogits.Save(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        using var noGrad = no_grad();
        _mixingLogits.Load(reader);
        _componentLogits.Load(reader);
    }

    public void Dispose()
    {
        _mixingLogits.Dispose();
        _componentLogits.Dispose();
    }

    private Tensor Encode(Tensor x) => (x - _range.Min) / (_range.Max - _range.Min);

    private Tensor Decode(Tensor bits) => bits * (_range.Max - _range.Min) + _range.Min;
}
