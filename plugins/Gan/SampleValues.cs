namespace Framework.Plugins.Gan;

/// <summary>What the generator's samples are: its continuous output, or that output binarised.</summary>
public enum SampleValues
{
    /// <summary>Binary when the dataset declares its data binary (binarised images, ising2d spins), else continuous.</summary>
    Auto,

    /// <summary>The generator's output mapped to the data's range.</summary>
    Continuous,

    /// <summary>The output binarised at the middle of the data's range: sign(x) for spins ±1, x ≥ 0.5 for 0/1 data.</summary>
    Binary,
}
