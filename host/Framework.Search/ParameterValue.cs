using System.Globalization;

namespace Framework.Search;

/// <summary>
/// A parameter's value in one trial: a <see cref="Number"/> for Float and Int parameters (an Int's number is integral),
/// a <see cref="Choice"/> for Categorical ones. Two cases rather than one double, so that a categorical value keeps its
/// name (what a file and MLflow hold) and cannot be mistaken for an index.
/// </summary>
public abstract record ParameterValue
{
    private ParameterValue() { }

    public sealed record Number(double Value) : ParameterValue
    {
        public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
    }

    public sealed record Choice(string Value) : ParameterValue
    {
        public override string ToString() => Value;
    }
}
