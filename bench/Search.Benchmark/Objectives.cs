using Framework.Search;

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
        p =>
        {
            double x1 = Number(p, "x1"), x2 = Number(p, "x2");
            double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
            return Math.Pow(x2 - b * x1 * x1 + c * x1 - r, 2) + s * (1 - t) * Math.Cos(x1) + s;
        },
        0.397887);

    private static readonly double[,] A = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] P = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 },
        { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } };
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    /// <summary>Hartmann 6-D on [0, 1]⁶; minimum −3.32237.</summary>
    private static Objective Hartmann6() => new("hartmann6",
        new SearchSpace(Enumerable.Range(0, 6).Select(i => new SearchParameter($"x{i}", ParameterKind.Float, 0, 1)).ToList()),
        p =>
        {
            var sum = 0.0;
            for (var i = 0; i < 4; i++)
            {
                var inner = 0.0;
                for (var j = 0; j < 6; j++)
                    inner += A[i, j] * Math.Pow(Number(p, $"x{j}") - P[i, j] * 1e-4, 2);
                sum += Alpha[i] * Math.Exp(-inner);
            }
            return -sum;
        },
        -3.32237);

    public static SearchSpace MixedSpace { get; } = new([
        new("lr", ParameterKind.Float, 1e-5, 1, Log: true),
        new("width", ParameterKind.Int, 8, 512),
        new("act", ParameterKind.Categorical, Choices: ["relu", "tanh", "sigmoid"]),
    ]);

    /// <summary>A 'training run': (log10 lr + 2.5)² + (log2 width − 7)²/4 + {relu 0, tanh 0.3, sigmoid 0.8}; minimum 0.</summary>
    public static double MixedValue(IReadOnlyDictionary<string, ParameterValue> p) =>
        Math.Pow(Math.Log10(Number(p, "lr")) + 2.5, 2) + Math.Pow(Math.Log2(Number(p, "width")) - 7, 2) / 4
        + ((ParameterValue.Choice)p["act"]).Value switch { "relu" => 0, "tanh" => 0.3, "sigmoid" => 0.8, var a => throw new ArgumentException(a) };

    private static Objective Mixed() => new("mixed", MixedSpace, MixedValue, 0.0);

    public const int Epochs = 27;

    /// <summary>
    /// The learning curve of a mixed trial: loss_t = final + (start − final)·exp(−t/τ), t = 1..27, with final = mixed(p),
    /// start = final + 3, τ = 4 + 4·width/512.
    /// </summary>
    public static double CurveLoss(IReadOnlyDictionary<string, ParameterValue> p, int epoch)
    {
        var final = MixedValue(p);
        var start = final + 3;
        var tau = 4 + 4 * Number(p, "width") / 512;
        return final + (start - final) * Math.Exp(-epoch / tau);
    }
}
