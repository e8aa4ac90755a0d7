namespace Framework.Search;

/// <summary>
/// Independent uniform draws: Float uniform in [Low, High) (in log space when Log), Int uniform over Low..High (drawn as
/// Optuna does, a real number in [Low − ½, High + ½] rounded, in log space when Log), Categorical uniform over the
/// choices. Each trial and parameter has its own generator from (seed, trial number, name).
/// </summary>
public sealed class RandomSampler(int seed) : ISampler
{
    public IReadOnlyDictionary<string, ParameterValue> Propose(SearchSpace space, IReadOnlyList<TrialRecord> history, int trialNumber)
    {
        ArgumentNullException.ThrowIfNull(space);
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var parameter in space.Ordered)
            if (parameter.IsActive(values))
                values[parameter.Name] = Draw(parameter, SearchRandom.For(seed, trialNumber, parameter.Name));
        return values;
    }

    /// <summary>One uniform draw of <paramref name="parameter"/> (also TPE's start-up draws, so they equal this sampler's).</summary>
    internal static ParameterValue Draw(SearchParameter parameter, SearchRandom random)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.Categorical:
                return new ParameterValue.Choice(parameter.Choices![random.NextInt(parameter.Choices.Count)]);
            case ParameterKind.Float when parameter.Log:
                return new ParameterValue.Number(Clamp(Math.Exp(random.Uniform(Math.Log(parameter.Low), Math.Log(parameter.High))), parameter));
            case ParameterKind.Float:
                return new ParameterValue.Number(random.Uniform(parameter.Low, parameter.High));
            case ParameterKind.Int when parameter.Log:
                var logDraw = random.Uniform(Math.Log(parameter.Low - 0.5), Math.Log(parameter.High + 0.5));
                return new ParameterValue.Number(Clamp(Math.Round(Math.Exp(logDraw)), parameter));
            default:
                return new ParameterValue.Number(Clamp(Math.Round(random.Uniform(parameter.Low - 0.5, parameter.High + 0.5)), parameter));
        }
    }

    /// <summary>Keeps a value in the parameter's domain: Low..High for Int, [Low, High) for Float.</summary>
    internal static double Clamp(double value, SearchParameter parameter) =>
        parameter.Kind == ParameterKind.Int
            ? Math.Clamp(value, parameter.Low, parameter.High)
            : Math.Clamp(value, parameter.Low, Math.BitDecrement(parameter.High));
}
