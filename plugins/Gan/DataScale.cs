using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.Gan;

/// <summary>The affine map between the data's value range and the generator's tanh range [-1, 1]: the networks train on
/// real data mapped to [-1, 1] (idx images: 2x - 1, as the reference) and samples are mapped back ((x + 1) / 2).</summary>
/// <param name="Range">The data's value range.</param>
/// <param name="Binary">Whether samples are binarised at the middle of the range (sign for spins ±1).</param>
internal readonly record struct DataScale(ValueRange Range, bool Binary)
{
    private double Width => Range.Max - Range.Min;

    /// <summary>Data values to [-1, 1].</summary>
    public Tensor ToNetwork(Tensor x) => x.mul(2 / Width).add(-1 - 2 * Range.Min / Width);

    /// <summary>Generator outputs in [-1, 1] to samples in the data's range, binarised when the data are binary.</summary>
    public Tensor ToData(Tensor t) => Binary
        ? where(t.ge(0), full_like(t, Range.Max), full_like(t, Range.Min))
        : t.add(1).mul(Width / 2).add(Range.Min).clamp(Range.Min, Range.Max);

    /// <summary>The scale of <paramref name="data"/>, binary as <paramref name="values"/> says (auto: binary when the dataset declares its data binary, as ising2d does for spins).</summary>
    public static DataScale Of(Dataset data, SampleValues values) => new(data.ValueRange, values switch
    {
        SampleValues.Binary => true,
        SampleValues.Continuous => false,
        _ => data.IsBinary,
    });
}
