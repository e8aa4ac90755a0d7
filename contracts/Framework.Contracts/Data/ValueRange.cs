namespace Framework.Contracts.Data;

/// <summary>A closed interval of example values.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
public readonly record struct ValueRange(double Min, double Max)
{
    /// <summary>The unit interval [0, 1] of pixel intensities and binary units.</summary>
    public static ValueRange Unit { get; } = new(0, 1);

    /// <summary>Ising spins in {-1, +1}.</summary>
    public static ValueRange Spin { get; } = new(-1, 1);
}
