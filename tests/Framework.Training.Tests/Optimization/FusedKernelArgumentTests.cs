using Framework.Training.Optimization;
using static TorchSharp.torch;

namespace Framework.Training.Tests.Optimization;

/// <summary>The fused kernels' numeric arguments stay alive until the kernel has read them, whenever the garbage
/// collector runs.</summary>
/// <remarks>
/// TorchSharp 0.107 turns a <c>double</c> argument of a TorchScript call into a temporary <c>Scalar</c> and passes on
/// only its native handle; the temporary can be finalised (its native Scalar freed) before the kernel reads it. A DDPM
/// run on Ising data failed that way after 22,947 Adam steps ("Expected false to be true" in <c>Scalar::toLong</c>),
/// and a freed Scalar that still reads as a double would silently change the learning rate. A thread that keeps
/// collecting and finalising makes the race frequent enough to see within twenty thousand calls (the old code failed 3 of 3 runs of each test).
/// </remarks>
public sealed class FusedKernelArgumentTests
{
    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    public void StepsUnderConstantGarbageCollectionEqualTheSameStepsWithout(string kernel)
    {
        const int steps = 20_000;
        var calm = WithCollector(false, () => Run(kernel, steps));
        var collected = WithCollector(true, () => Run(kernel, steps));
        Assert.Equal(calm, collected);
    }

    private static float[] Run(string kernel, int steps)
    {
        using var values = linspace(-1, 1, 16);
        using var gradients = full(16, 0.5f);
        using var first = zeros(16);
        using var second = zeros(16);
        for (var step = 1; step <= steps; step++)
        {
            if (kernel == "adam")
                FusedCpuKernels.Adam(false, values, gradients, first, second, step, 1e-4, 0.9, 0.999, 0.01, 1e-8);
            else
                FusedCpuKernels.Sgd(values, gradients, first, 1e-4, 0.9, 0.01, nesterov: false, firstStep: step == 1);
        }

        return values.data<float>().ToArray();
    }

    private static float[] WithCollector(bool collect, Func<float[]> work)
    {
        using var stop = new CancellationTokenSource();
        var collector = collect
            ? Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            })
            : Task.CompletedTask;
        try
        {
            return work();
        }
        finally
        {
            stop.Cancel();
            collector.Wait();
        }
    }
}
