namespace Framework.Search;

/// <summary>
/// Where a numerical parameter's Parzen kernels live: the logarithm for log-scaled parameters; an integer's interval
/// widened by ½ each side, with cells of width 1 (log-scaled integers are continuous in log space, rounded after).
/// </summary>
internal sealed record NumericalDomain(SearchParameter Parameter, double Low, double High, double? Cell)
{
    public static NumericalDomain Of(SearchParameter p) => p switch
    {
        { Kind: ParameterKind.Float, Log: true } => new(p, Math.Log(p.Low), Math.Log(p.High), null),
        { Kind: ParameterKind.Float } => new(p, p.Low, p.High, null),
        { Kind: ParameterKind.Int, Log: true } => new(p, Math.Log(p.Low - 0.5), Math.Log(p.High + 0.5), null),
        _ => new(p, p.Low - 0.5, p.High + 0.5, 1.0),
    };

    /// <summary>Whether a stored value can inform the kernels (a value outside today's range, e.g. after the range changed, cannot).</summary>
    public bool Contains(double value) =>
        !double.IsNaN(value) && value >= Parameter.Low && value <= Parameter.High;

    public double ToInternal(double value) => Parameter.Log ? Math.Log(value) : value;

    public double FromInternal(double x) => Parameter.Kind switch
    {
        ParameterKind.Int when Parameter.Log => RandomSampler.Clamp(Math.Round(Math.Exp(x)), Parameter),
        ParameterKind.Int => RandomSampler.Clamp(Math.Round(x - Parameter.Low) + Parameter.Low, Parameter),
        _ when Parameter.Log => RandomSampler.Clamp(Math.Exp(x), Parameter),
        _ => RandomSampler.Clamp(x, Parameter),
    };
}
