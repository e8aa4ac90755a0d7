using Framework.Search;
using FunctionValues = FixtureObjective.Objectives;

namespace Framework.Benchmarks.Search;

/// <summary>
/// The test functions of ../shared/bench/search_optuna.py, each with its search space and known optimum (all
/// minimised), and its learning-curve objective.
/// </summary>
internal sealed record Objective(string Name, SearchSpace Space, Func<IReadOnlyDictionary<string, ParameterValue>, double> Evaluate, double Optimum)
{
    public static IReadOnlyList<Objective> All => [Branin(), Hartmann6(), Mixed()];

    private static double Number(IReadOnlyDictionary<string, ParameterValue> p, string name) => ((ParameterValue.Number)p[name]).Value;

    /// <summary>Branin on x1 ∈ [−5, 10], x2 ∈ [0, 15]; minimum 0.397887 at three points.</summary>
    private static Objective Branin() => new("branin",
        new SearchSpace([new("x1", ParameterKind.Float, -5, 10), new("x2", ParameterKind.Float, 0, 15)]),
        p => FunctionValues.Branin(Number(p, "x1"), Number(p, "x2")),
        0.397887);

    /// <summary>Hartmann 6-D on [0, 1]⁶; minimum −3.32237.</summary>
    private static Objective Hartmann6() => new("hartmann6",
        new SearchSpace(Enumerable.Range(0, 6).Select(i => new SearchParameter($"x{i}", ParameterKind.Float, 0, 1)).ToList()),
        p => FunctionValues.Hartmann6(Enumerable.Range(0, 6).Select(j => Number(p, $"x{j}")).ToList()),
        -3.32237);

    public static SearchSpace MixedSpace { get; } = new([
        new("lr", ParameterKind.Float, 1e-5, 1, Log: true),
        new("width", ParameterKind.Int, 8, 512),
        new("act", ParameterKind.Categorical, Choices: ["relu", "tanh", "sigmoid"]),
    ]);

    /// <summary>A 'training run': (log10 lr + 2.5)² + (log2 width − 7)²/4 + {relu 0, tanh 0.3, sigmoid 0.8}; minimum 0.</summary>
    public static double MixedValue(IReadOnlyDictionary<string, ParameterValue> p) =>
        FunctionValues.Mixed(Number(p, "lr"), (int)Number(p, "width"), ((ParameterValue.Choice)p["act"]).Value);

    private static Objective Mixed() => new("mixed", MixedSpace, MixedValue, 0.0);

    public const int Epochs = 27;

    /// <summary>
    /// The learning curve of a mixed trial: loss_t = final + (start − final)·exp(−t/τ), t = 1..27, with final = mixed(p),
    /// start = final + 3, τ = 4 + 4·width/512.
    /// </summary>
    public static double CurveLoss(IReadOnlyDictionary<string, ParameterValue> p, int epoch) =>
        FunctionValues.Curve(Number(p, "lr"), (int)Number(p, "width"), ((ParameterValue.Choice)p["act"]).Value, epoch);
}
