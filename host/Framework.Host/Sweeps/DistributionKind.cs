namespace Framework.Host.Sweeps;

/// <summary>How a random-search parameter is drawn.</summary>
internal enum DistributionKind
{
    /// <summary><c>{uniform: [low, high]}</c>: a real number, uniform on [low, high).</summary>
    Uniform,

    /// <summary><c>{log_uniform: [low, high]}</c>: a positive real number whose logarithm is uniform (learning rates).</summary>
    LogUniform,

    /// <summary><c>{int: [low, high]}</c>: an integer, uniform on low..high inclusive.</summary>
    Int,

    /// <summary><c>{choice: [a, b, ...]}</c>: one of the listed values, each equally likely.</summary>
    Choice,
}
