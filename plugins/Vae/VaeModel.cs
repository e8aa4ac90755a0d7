using System.Globalization;
using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Vae.Artifacts;
using Framework.Plugins.Vae.Evaluation;
using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Objective;
using Framework.Plugins.Vae.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae;

/// <summary>A variational autoencoder: q(h|x) = N(μ(x), diag σ²(x)), p(h) = N(0, I), p(x|h) Bernoulli or Gaussian.</summary>
/// <remarks>
/// Training minimises reconstruction + β·KL with the reparameterisation h = μ + σ·ε (Kingma and Welling 2014);
/// evaluation reports the true -ELBO (β = 1), its parts, KL per latent dimension, active units and, where asked, the
/// importance-weighted log-likelihood (Burda et al. 2016). The step of <see cref="NegativeElbo"/> is the definition;
/// <see cref="TrainingPaths"/> takes it by autograd, or by hand-written kernels that compute the same gradients faster.
/// </remarks>
internal sealed class VaeModel : IModel, IExportableModel
{
    private const string StateMagic = "framework.vae/state";
    private const int StateVersion = 2;

    private readonly VaeOptions _options;
    private readonly VaeNetwork _network;
    private readonly TrainingPaths _training;
    private readonly KlWeightSchedule _klWeight;
    private readonly long[] _sampleShape;
    private readonly VaeArtifacts _artifacts;
    private readonly LossHistory _history = new();
    private readonly TwoValueCoding _coding;

    // The training loss summed since the last evaluation, kept on the device so that steps never synchronise.
    private readonly Tensor _lossSinceEvaluation;
    private long _examplesSinceEvaluation;

    /// <summary>The evaluations behind the loss-curve plot (saved with the model).</summary>
    internal LossHistory History => _history;

    public VaeModel(VaeOptions options, IModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _sampleShape = context.Data.SampleShape;
        VaeModelValidation.Check(options, context.Data);

        _coding = TwoValueCoding.For(options, context.Data);

        _network = VaeNetworkFactory.Create(options, _sampleShape, context.Device);
        Initialization.PyTorchDefault(_network, context.Generator);
        if (options.OutputBias == OutputBiasInit.DataMean)
        {
            using var scope = NewDisposeScope();
            OutputBiasFromData.Apply(_network, _coding.ToUnit(context.Data.TrainX));
        }
        var optimizer = context.Optimizers.Create(_network.parameters());
        _training = TrainingPaths.Create(options, _network, optimizer, context.BatchSize, context.Device, NegativeElbo);
        _klWeight = new KlWeightSchedule(options.Beta, options.KlWarmupEpochs, context.StepsPerEpoch);
        _artifacts = new VaeArtifacts(options, _sampleShape, context.Data.ValueRange, _coding);
        _lossSinceEvaluation = zeros(1, float64, context.Device).DetachFromDisposeScope();
    }

    /// <summary>The networks, for tests that inspect gradients and outputs.</summary>
    internal VaeNetwork Network => _network;

    /// <summary>The training paths in use, fastest first (for tests).</summary>
    internal IReadOnlyList<string> TrainingPathNames => _training.Names;

    /// <summary>The two terms of −ELBO(x) = −E_q[log p(x|h)] + KL(q(h|x) ‖ N(0, I)) summed over the batch, with one
    /// latent sample per example by the reparameterisation h = μ + σ·ε, so that gradients reach μ and σ.</summary>
    /// <param name="x">The batch.</param>
    /// <param name="epsilon">Standard normal noise, <c>[n, latent]</c>.</param>
    internal (Tensor Reconstruction, Tensor Kl) NegativeElbo(Tensor x, Tensor epsilon)
    {
        var (mean, logVariance) = _network.Encode(x);
        var h = mean + (0.5 * logVariance).exp() * epsilon;
        var reconstruction = _network.Observation.NegativeLogLikelihoodSum(_network.Decode(h), x.reshape(x.shape[0], -1));
        var kl = GaussianKl.Sum(mean, logVariance);  // ½ Σ (σ² + μ² − 1 − log σ²)
        return (reconstruction, kl);
    }

    /// <inheritdoc />
    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        var x = _coding.ToUnit(batch.X);
        var size = x.shape[0];
        var beta = _klWeight.At(context.GlobalStep);
        var scale = _options.Reduction == LossReduction.Sum ? 1.0 : 1.0 / size;
        var epsilon = randn([size, _network.LatentDim], dtype: float32, device: x.device, generator: context.Generator);
        var (reconstruction, kl) = _training.Step(x, epsilon, beta, scale);

        var loss = beta == 1.0 ? reconstruction + kl : reconstruction + beta * kl;
        _lossSinceEvaluation.add_(loss);
        _examplesSinceEvaluation += size;
        var output = StepOutput.WithLoss(loss / size)
            .Add("train/recon", reconstruction / size)
            .Add("train/kl", kl / size);
        if (_klWeight.Varies)
            output.Add("train/beta", tensor(beta));
        return output;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        using var noGrad = no_grad();
        var test = _coding.ToUnit(context.Data.TestX);
        var summary = ElboEvaluator.Run(_network, test, context.EvaluationBatchSize, _options.ElboSamples, context.Generator);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["test/neg_elbo"] = summary.NegativeElbo,
            ["test/recon"] = summary.Reconstruction,
            ["test/kl"] = summary.Kl,
            ["test/active_units"] = summary.ActiveUnits(_options.ActiveUnitThreshold),
        };
        for (var d = 0; d < summary.KlPerDimension.Length; d++)
            metrics[string.Create(CultureInfo.InvariantCulture, $"test/kl_dim/{d}")] = summary.KlPerDimension[d];

        var iwae = double.NaN;
        if (_options.IwaeSamples > 0 && (context.IsFinal || _options.IwaeEveryEvaluation))
        {
            iwae = ImportanceWeightedBound.Estimate(_network, test, _options.IwaeSamples, _options.IwaeChunk, context.Generator);
            metrics["test/iwae_loglik"] = iwae;
            metrics["test/loglik"] = iwae;
            context.SetTag("framework.loglik_estimator", string.Create(CultureInfo.InvariantCulture, $"iwae(k={_options.IwaeSamples})"));
        }

        var trainLoss = double.NaN;
        if (_examplesSinceEvaluation > 0)
        {
            trainLoss = _lossSinceEvaluation.item<double>() / _examplesSinceEvaluation;
            _lossSinceEvaluation.zero_();
            _examplesSinceEvaluation = 0;
        }

        NativeHeap.Trim();
        _history.Add(new LossHistory.Entry((double)context.GlobalStep / Math.Max(1, context.StepsPerEpoch), trainLoss, summary.NegativeElbo, -iwae));
        if (_options.LogImages)
            _artifacts.Log(context, _network, _history);
        return metrics;
    }

    /// <inheritdoc />
    public Tensor Sample(int count, IStepContext context)
    {
        using var noGrad = no_grad();
        var z = randn([count, _network.LatentDim], dtype: float32, device: context.Device, generator: context.Generator);
        var output = _network.Decode(z);
        var values = _options.SampleMode == SampleMode.Mean
            ? _network.Observation.Mean(output)
            : _network.Observation.Draw(output, context.Generator);
        return _coding.FromUnit(values).reshape([count, .. _sampleShape]);
    }

    /// <summary>The networks' state_dict: <c>encoder.*</c>, <c>decoder.*</c> and, for a learned Gaussian variance,
    /// <c>observation.log_sigma</c> (docs/export-to-pytorch.md rebuilds the networks from these names).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> ExportedState() => [.. _network.state_dict()];

    /// <inheritdoc />
    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateMagic);
        writer.Write(StateVersion);
        writer.Write(_network.LatentDim);
        writer.Write(_sampleShape.Length);
        foreach (var size in _sampleShape)
            writer.Write(size);
        _network.save(writer);
        _history.Write(writer);
        writer.Write(_lossSinceEvaluation.item<double>());
        writer.Write(_examplesSinceEvaluation);
    }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var magic = reader.ReadString();
        var version = reader.ReadInt32();
        if (magic != StateMagic || version != StateVersion)
            throw new InvalidDataException($"The checkpoint does not hold a VAE state of version {StateVersion} (found '{magic}' version {version}).");
        var latent = reader.ReadInt32();
        var shape = new long[reader.ReadInt32()];
        for (var i = 0; i < shape.Length; i++)
            shape[i] = reader.ReadInt64();
        if (latent != _network.LatentDim || !shape.SequenceEqual(_sampleShape))
            throw new InvalidDataException(
                $"The checkpoint is of a VAE with latent size {latent} on examples {SampleGeometry.Describe(shape)}, but this model has latent size " +
                $"{_network.LatentDim} on {SampleGeometry.Describe(_sampleShape)}; resume with the options the checkpoint was written with.");
        _network.load(reader);
        _history.Read(reader);
        _lossSinceEvaluation.fill_(reader.ReadDouble());
        _examplesSinceEvaluation = reader.ReadInt64();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _training.Dispose();
        _network.Dispose();
        _lossSinceEvaluation.Dispose();
    }
}
