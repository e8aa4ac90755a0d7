using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Rbm;

/// <summary>Maps examples to the machine's visible vectors and back: flattened, float32, and for Bernoulli units the
/// data's value range (such as Ising spins in [-1, 1]) mapped onto [0, 1].</summary>
internal sealed class VisibleEncoding
{
    private readonly double _offset;
    private readonly double _scale;
    private readonly long[] _sampleShape;

    public VisibleEncoding(VisibleUnits units, ValueRange range, long[] sampleShape)
    {
        if (units == VisibleUnits.Bernoulli && !(range.Max > range.Min))
            throw new ArgumentException($"Bernoulli visible units need a value range with max > min; the dataset declares [{range.Min}, {range.Max}].");
        (_offset, _scale) = units == VisibleUnits.Bernoulli ? (range.Min, range.Max - range.Min) : (0.0, 1.0);
        _sampleShape = sampleShape;
        Features = sampleShape.Aggregate(1L, (a, b) => a * b);
    }

    public long Features { get; }

    public Tensor Encode(Tensor examples)
    {
        var flat = examples.reshape(examples.shape[0], Features).to_type(ScalarType.Float32);
        return _offset == 0 && _scale == 1 ? flat : (flat - _offset).div_(_scale);
    }

    public Tensor Decode(Tensor visible)
    {
        var values = _offset == 0 && _scale == 1 ? visible : visible * _scale + _offset;
        return values.reshape([visible.shape[0], .. _sampleShape]);
    }
}
