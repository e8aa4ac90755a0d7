using System.Diagnostics;
using static TorchSharp.torch;

namespace Framework.Benchmarks.Rbm;

/// <summary>Times the pieces of a CD-1 step (matrix products, random numbers, element-wise passes) one by one, so that
/// a change to the step can be judged against what its parts cost on this machine's libtorch.</summary>
internal static class KernelTimings
{
    public static void Print(int hidden, int batch)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(1);
        var v = rand(batch, 784);
        var w = randn(784, hidden) * 0.01f;
        var h = rand(batch, hidden);
        var c = zeros(hidden);
        var g = zeros(784, hidden);
        var left = rand(2 * batch, 784);
        var right = rand(2 * batch, hidden);
        var leftT = left.t().contiguous();
        var buffer = empty(batch, 784);
        double Flops(long m, long k, long n) => 2.0 * m * k * n;
        Time("addmm v W (batch x 784 x hidden)", () => c.addmm(v, w), Flops(batch, 784, hidden));
        Time("mm h Wt", () => h.mm(w.t()), Flops(batch, hidden, 784));
        Time("addmm_ G += Lt R (row-major L)", () => g.addmm_(left.t(), right), Flops(784, 2 * batch, hidden));
        Time("addmm_ G += Lt R (contiguous Lt)", () => g.addmm_(leftT, right), Flops(784, 2 * batch, hidden));
        Time("rand batch x 784", () => rand(batch, 784, generator: generator), 0);
        Time("uniform_ batch x 784 in place", () => buffer.uniform_(0, 1, generator: generator), 0);
        Time("sigmoid batch x 784", () => sigmoid(v), 0);
        Time("sigmoid_ batch x 784 in place", () => buffer.sigmoid_(), 0);
        Time("bernoulli batch x 784", () => bernoulli(v, generator: generator), 0);
        Time("add_ 784 x hidden", () => g.add_(w), 0);
    }

    private static void Time(string name, Func<Tensor> body, double flops)
    {
        for (var i = 0; i < 20; i++)
            using (NewDisposeScope()) body();
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++)
                using (NewDisposeScope()) body();
            best = Math.Min(best, watch.Elapsed.TotalSeconds / 300);
        }
        Console.WriteLine(flops > 0 ? $"{name}: {best * 1e6:F0} us, {flops / best / 1e9:F1} GFLOP/s" : $"{name}: {best * 1e6:F0} us");
    }
}
