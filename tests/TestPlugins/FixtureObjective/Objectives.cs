namespace FixtureObjective;

/// <summary>The functions of ../shared/bench/search_optuna.py, written as that script writes them (the in-process search
/// benchmark, bench/Search.Benchmark, compiles this file too).</summary>
public static class Objectives
{
    private static readonly double[,] A = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] P = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 }, { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } };
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    public static double Branin(double x1, double x2)
    {
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - b * x1 * x1 + c * x1 - r, 2) + s * (1 - t) * Math.Cos(x1) + s;
    }

    public static double Hartmann6(IReadOnlyList<double> x)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++)
                inner += A[i, j] * Math.Pow(x[j] - P[i, j] * 1e-4, 2);
            sum += Alpha[i] * Math.Exp(-inner);
        }

        return -sum;
    }

    public static double Mixed(double lr, int width, string act) =>
        Math.Pow(Math.Log10(lr) + 2.5, 2) + Math.Pow(Math.Log2(width) - 7, 2) / 4 + act switch { "relu" => 0, "tanh" => 0.3, "sigmoid" => 0.8, _ => throw new ArgumentException($"Unknown activation {act}.", nameof(act)) };

    /// <summary>The learning curve at epoch t: final + 3 exp(-t / tau), tau = 4 + 4 width / 512.</summary>
    public static double Curve(double lr, int width, string act, int epoch)
    {
        double final = Mixed(lr, width, act), tau = 4 + 4.0 * width / 512;
        return final + 3 * Math.Exp(-epoch / tau);
    }
}
