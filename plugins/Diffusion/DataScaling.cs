using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Diffusion;

/// <summary>Maps examples between the dataset's value range and the diffusion's [-1, 1], in the shape the network sees.</summary>
/// <remarks>Two-valued data (binary units, Ising spins) become {-1, +1}; its samples are binarised by sign, since the
/// reverse chain ends on a continuum.</remarks>
internal sealed class DataScaling
{
    private readonly ValueRange _range;
    private readonly long[] _dataShape;
    private readonly long[] _networkShape;

    public DataScaling(Dataset data, long[] networkShape)
    {
        _range = data.ValueRange;
        _dataShape = data.SampleShape;
        _networkShape = networkShape;
        IsTwoValued = data.IsBinary;
        if (!(_range.Max > _range.Min))
            throw new ArgumentException($"The dataset's value range [{_range.Min}, {_range.Max}] is empty; diffusion scales data to [-1, 1].");
    }

    /// <summary>Whether the data takes two values only (binary units, spins).</summary>
    public bool IsTwoValued { get; }

    /// <summary>The shape of one example as the network sees it.</summary>
    public long[] NetworkShape => _networkShape;

    /// <summary>Values per example.</summary>
    public long Features => _networkShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Data [b, ..data shape] in its range to [b, ..network shape] in [-1, 1].</summary>
    public Tensor ToModel(Tensor x) =>
        ((x - _range.Min) * (2.0 / (_range.Max - _range.Min)) - 1).reshape([x.shape[0], .. _networkShape]);

    /// <summary>The end of a reverse chain, [b, ..network shape], to data: clipped to [-1, 1], binarised by sign for
    /// two-valued data, mapped to the data's range and shape.</summary>
    public Tensor ToData(Tensor x)
    {
        var y = IsTwoValued ? where(x >= 0, 1.0f, -1.0f) : x.clamp(-1, 1);
        return ((y + 1) * ((_range.Max - _range.Min) / 2) + _range.Min).reshape([x.shape[0], .. _dataShape]);
    }

    /// <summary>An intermediate x_t shown as a picture: clipped to [-1, 1] and mapped to the data's range.</summary>
    public Tensor ToPicture(Tensor x) => ((x.clamp(-1, 1) + 1) * ((_range.Max - _range.Min) / 2) + _range.Min).reshape([x.shape[0], .. _dataShape]);
}
