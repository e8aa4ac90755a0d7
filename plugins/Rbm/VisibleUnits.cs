namespace Framework.Plugins.Rbm;

/// <summary>The kind of visible units.</summary>
public enum VisibleUnits
{
    /// <summary>Binary units in {0, 1}; data in any two-valued range is mapped onto them.</summary>
    Bernoulli,

    /// <summary>Real-valued units with Gaussian conditionals of standard deviation sigma (fixed or learned).</summary>
    Gaussian,
}
