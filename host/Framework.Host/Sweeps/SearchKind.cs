namespace Framework.Host.Sweeps;

/// <summary>How a sweep chooses its trials.</summary>
internal enum SearchKind
{
    /// <summary>Every combination of the lists; distributions are drawn <c>trials</c> times at each grid point.</summary>
    Grid,

    /// <summary><c>trials</c> trials, each drawing every parameter independently (lists as equally likely choices).</summary>
    Random,

    /// <summary><c>trials</c> trials proposed one at a time by the Tree-structured Parzen Estimator from the finished ones.</summary>
    Tpe,
}
