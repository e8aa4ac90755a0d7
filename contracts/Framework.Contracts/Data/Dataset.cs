using static TorchSharp.torch;

namespace Framework.Contracts.Data;

/// <summary>Training and test examples with what the host and models need to know about them.</summary>
/// <remarks>
/// Examples are stored along the first dimension. The host moves a dataset to the run's device once with
/// <see cref="To"/> and batches it there by index, so data never crosses the bus during training.
/// </remarks>
public sealed class Dataset : IDisposable
{
    /// <summary>Creates a dataset.</summary>
    /// <param name="trainX">Training examples, shape <c>[n, ..SampleShape]</c>, floating point.</param>
    /// <param name="testX">Test examples, same trailing shape as <paramref name="trainX"/>.</param>
    /// <param name="valueRange">The closed range that example values lie in, such as [0, 1].</param>
    /// <param name="trainY">Optional integer labels of the training examples.</param>
    /// <param name="testY">Optional integer labels of the test examples.</param>
    public Dataset(Tensor trainX, Tensor testX, ValueRange valueRange, Tensor? trainY = null, Tensor? testY = null)
    {
        ArgumentNullException.ThrowIfNull(trainX);
        ArgumentNullException.ThrowIfNull(testX);
        if (trainX.dim() < 2 || testX.dim() < 2)
            throw new ArgumentException("Examples must be stored as [n, ...sample shape] with at least two dimensions.");
        if (!trainX.shape.Skip(1).SequenceEqual(testX.shape.Skip(1)))
            throw new ArgumentException(
                $"Train and test examples differ in shape: [{string.Join(", ", trainX.shape.Skip(1))}] vs [{string.Join(", ", testX.shape.Skip(1))}].");
        if (trainY is not null && trainY.shape[0] != trainX.shape[0])
            throw new ArgumentException("trainY must have one label per training example.", nameof(trainY));
        if (testY is not null && testY.shape[0] != testX.shape[0])
            throw new ArgumentException("testY must have one label per test example.", nameof(testY));
        TrainX = trainX;
        TestX = testX;
        TrainY = trainY;
        TestY = testY;
        ValueRange = valueRange;
    }

    /// <summary>Training examples, <c>[n, ..SampleShape]</c>.</summary>
    public Tensor TrainX { get; }

    /// <summary>Test examples, <c>[m, ..SampleShape]</c>.</summary>
    public Tensor TestX { get; }

    /// <summary>Training labels, or null.</summary>
    public Tensor? TrainY { get; }

    /// <summary>Test labels, or null.</summary>
    public Tensor? TestY { get; }

    /// <summary>The closed range that values lie in.</summary>
    public ValueRange ValueRange { get; }

    /// <summary>The shape of one example, such as <c>[28, 28]</c> or <c>[1, 28, 28]</c>.</summary>
    public long[] SampleShape => TrainX.shape.Skip(1).ToArray();

    /// <summary>The number of values in one example.</summary>
    public long FeatureCount => SampleShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Whether every value is 0 or 1 (binary units), as the plugin declares it.</summary>
    public bool IsBinary { get; init; }

    /// <summary>Names of the label classes, where labels exist and have names.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>How an example is shown as a picture: as an image, as a spin lattice, or not at all.</summary>
    public SampleLayout Layout { get; init; } = SampleLayout.Image;

    /// <summary>Physical observables of the data and of model samples (Ising energy, magnetisation, ...), or null.</summary>
    public IDataObservables? Observables { get; init; }

    /// <summary>Parameters of the data worth recording with the run (lattice size, temperature, files read).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Returns a copy of this dataset on <paramref name="device"/>, keeping every description.</summary>
    /// <param name="device">The target device.</param>
    /// <returns>A new dataset; this one is left as it is.</returns>
    public Dataset To(Device device) => new(TrainX.to(device), TestX.to(device), ValueRange, TrainY?.to(device), TestY?.to(device))
    {
        IsBinary = IsBinary,
        ClassNames = ClassNames,
        Layout = Layout,
        Observables = Observables,
        Metadata = Metadata,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        TrainX.Dispose();
        TestX.Dispose();
        TrainY?.Dispose();
        TestY?.Dispose();
    }
}
