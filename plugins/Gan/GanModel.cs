using Framework.Contracts.Data;
using Framework.Contracts.Models;
using Framework.Contracts.Training;
using Framework.Plugins.Gan.Evaluation;
using Framework.Plugins.Gan.Networks;
using Framework.Plugins.Gan.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan;

/// <summary>A generative adversarial network: a generator G(z), z ~ N(0, I) (with a one-hot code if asked,
/// <see cref="LatentNoise"/>), against a discriminator (critic) D, each
/// minimising its own loss with its own optimiser (Goodfellow et al. 2014).</summary>
/// <remarks>
/// Every training batch is one discriminator update; the generator is updated after every <c>critic_steps</c>-th,
/// on the same fakes when it follows every discriminator update (pytorch/examples dcgan), on fresh noise otherwise
/// (WGAN-GP's algorithm 1). The losses are <see cref="IGanObjective"/>s; WGAN-GP adds λ times the
/// <see cref="GradientPenalty"/> to the critic's. The networks work in [-1, 1] (<see cref="DataScale"/>); sampling
/// runs the generator in eval mode, its batch norm on running or recalibrated statistics.
/// </remarks>
internal sealed class GanModel : IModel
{
    private const string StateMagic = "framework.gan/state";
    private const int StateVersion = 1;

    /// <summary>Noise draws put through the generator at once when sampling, to bound its memory. Measured with
    /// <c>fw sample</c> on the DCGAN, 10,000 samples, 2 threads, three alternated rounds (before the generator's sampling
    /// path folded its batch norms, DcganGenerator.Infer): 0.23-0.34 ms per sample at 512, 0.27-0.37 at 1,024 (each chunk
    /// freed before the next), 0.8-1.2 at 1,024 with every chunk's activations kept to the end.</summary>
    private const int SampleChunk = 512;

    private readonly GanOptions _options;
    private readonly GeneratorNetwork G;
    private readonly nn.Module<Tensor, Tensor> D;
    private readonly IGanObjective _objective;
    private readonly IOptimizer _generatorOptimizer;
    private readonly IOptimizer _discriminatorOptimizer;
    private readonly DataScale _scale;
    private readonly long[] _networkShape;
    private readonly long[] _sampleShape;
    private readonly int _criticSteps;
    private readonly int _batchSize;
    private readonly Tensor _fixedNoise;
    private readonly GanEvaluation _evaluation;

    public GanModel(GanOptions options, IModelContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        _options = options;
        _sampleShape = context.Data.SampleShape;
        _scale = DataScale.Of(context.Data, options.SampleValues);
        (G, D, _networkShape) = GanNetworks.Create(options, _sampleShape, context.Device);
        // The DCGAN's own initialisation; the MLPs keep PyTorch's default, drawn from the generator the host seeds.
        if (options.Architecture == GanArchitecture.Dcgan)
        {
            DcganInitialization.Apply(G, context.Generator);
            DcganInitialization.Apply(D, context.Generator);
        }

        _objective = IGanObjective.For(options.Loss);
        _generatorOptimizer = context.Optimizers.Create(GanPlugin.Generator, G.parameters());
        _discriminatorOptimizer = context.Optimizers.Create(GanPlugin.Discriminator, D.parameters());
        _criticSteps = options.CriticSteps > 0 ? options.CriticSteps : options.Loss == GanLoss.WganGp ? 5 : 1;
        _batchSize = context.BatchSize;
        _fixedNoise = G.Latent.Draw(options.FixedNoiseCount, context.Device, context.Generator)
            .DetachFromDisposeScope();
        _evaluation = new GanEvaluation(options, _objective, _scale);
    }

    /// <summary>The generator, for tests.</summary>
    internal GeneratorNetwork Generator => G;

    /// <summary>The discriminator, for tests.</summary>
    internal nn.Module<Tensor, Tensor> Discriminator => D;

    /// <inheritdoc />
    public StepOutput TrainStep(Batch batch, IStepContext context)
    {
        G.train();
        D.train();
        var n = batch.Size;
        var x = _scale.ToNetwork(batch.X).reshape([n, .. _networkShape]);
        var generatorUpdate = (context.GlobalStep + 1) % _criticSteps == 0;
        var sameFakes = _criticSteps == 1;

        // The discriminator: minimise its loss on real x against fakes G(z), the generator held fixed.
        Tensor fake;
        using (sameFakes ? null : no_grad())
            fake = Fake(Noise(n, context));
        var onReal = D.forward(x);
        var onFake = D.forward(fake.detach());
        var discriminatorLoss = _objective.Discriminator(onReal, onFake);
        Tensor? penalty = null;
        if (_options.Loss == GanLoss.WganGp)
        {
            penalty = GradientPenalty.Of(D, x, fake.detach(), GradientPenalty.Weights(x, context.Generator));
            discriminatorLoss = discriminatorLoss + _options.GradientPenalty * penalty;
        }

        _discriminatorOptimizer.Minimize(discriminatorLoss);

        // The generator: minimise its loss against the updated discriminator. Between its updates the generator's loss
        // on this batch's fakes is reported as it stood before the discriminator's update.
        Tensor generatorLoss;
        if (generatorUpdate)
        {
            generatorLoss = _objective.Generator(D.forward(sameFakes ? fake : Fake(Noise(_batchSize, context))));
            _generatorOptimizer.Minimize(generatorLoss);
        }
        else
        {
            generatorLoss = _objective.Generator(onFake);
        }

        if (!context.ReportsMetrics)
            return new StepOutput();
        var output = StepOutput.WithLoss(discriminatorLoss + generatorLoss)
            .Add("train/loss_d", discriminatorLoss)
            .Add("train/loss_g", generatorLoss)
            .Add("train/d_real", _objective.Score(onReal))
            .Add("train/d_fake", _objective.Score(onFake));
        if (penalty is not null)
            output.Add("train/grad_penalty", penalty);
        return output;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> Evaluate(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var noGrad = no_grad();
        G.eval();
        D.eval();
        using var statistics = SamplingStatistics(context);
        var metrics = _evaluation.Run(context, D, count => Draw(count, context), x => x.reshape([x.shape[0], .. _networkShape]));
        if (_fixedNoise.shape[0] > 0)
            FixedNoiseGrid.Log(context, Generate(_fixedNoise), _scale.Range);
        return metrics;
    }

    /// <inheritdoc />
    public Tensor Sample(int count, IStepContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var noGrad = no_grad();
        G.eval();
        using var statistics = SamplingStatistics(context);
        return Draw(count, context);
    }

    /// <inheritdoc />
    public void SaveState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateMagic);
        writer.Write(StateVersion);
        writer.Write(G.LatentDim);
        writer.Write(_networkShape.Length);
        foreach (var size in _networkShape)
            writer.Write(size);
        G.save(writer);
        D.save(writer);
        _fixedNoise.Save(writer);
    }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var magic = reader.ReadString();
        var version = reader.ReadInt32();
        if (magic != StateMagic || version != StateVersion)
            throw new InvalidDataException($"The checkpoint does not hold a GAN state of version {StateVersion} (found '{magic}' version {version}).");
        var latent = reader.ReadInt32();
        var shape = new long[reader.ReadInt32()];
        for (var i = 0; i < shape.Length; i++)
            shape[i] = reader.ReadInt64();
        if (latent != G.LatentDim || !shape.SequenceEqual(_networkShape))
            throw new InvalidDataException(
                $"The checkpoint is of a GAN with latent size {latent} on examples [{string.Join(", ", shape)}], but this model has latent size " +
                $"{G.LatentDim} on [{string.Join(", ", _networkShape)}]; resume with the options the checkpoint was written with.");
        G.load(reader);
        D.load(reader);
        using var noGrad = no_grad();
        _fixedNoise.Load(reader);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        G.Dispose();
        D.Dispose();
        _fixedNoise.Dispose();
    }

    /// <summary>G(z) as the discriminator sees it in training: the tanh output, or for binary samples with
    /// <c>straight_through</c> that output binarised as the samples are (internal for tests).</summary>
    internal Tensor Fake(Tensor z) => _options.StraightThrough && _scale.Binary ? StraightThrough.Binarize(G.forward(z)) : G.forward(z);

    private Tensor Noise(long count, IStepContext context) =>
        G.Latent.Draw(count, context.Device, context.Generator);

    /// <summary>G(z) as samples: in the data's shape and range, binarised for binary data.</summary>
    private Tensor Generate(Tensor z) => _scale.ToData(G.Infer(z)).reshape([z.shape[0], .. _sampleShape]);

    /// <summary><paramref name="count"/> fresh samples, drawn in chunks.</summary>
    private Tensor Draw(long count, IStepContext context)
    {
        if (count == 0)
            return zeros([0, .. _sampleShape], device: context.Device);
        var chunks = new List<Tensor>();
        for (long done = 0; done < count; done += SampleChunk)
        {
            // Each chunk's activations are freed before the next chunk runs, so they reuse the same memory.
            using var scope = NewDisposeScope();
            chunks.Add(Generate(Noise(Math.Min(SampleChunk, count - done), context)).MoveToOuterDisposeScope());
        }
        return chunks.Count == 1 ? chunks[0] : cat(chunks, 0);
    }

    private IDisposable? SamplingStatistics(IStepContext context) => _options.BatchnormStatistics == BatchNormStatistics.Recalibrated
        ? RecalibratedStatistics.Apply(G, _options.RecalibrationSamples, context.Generator)
        : null;
}
