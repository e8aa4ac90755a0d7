using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>PyTorch's fused optimiser kernels on the CPU (<c>torch._fused_adam_</c>, <c>_fused_adamw_</c>,
/// <c>_fused_sgd_</c>: what <c>torch.optim.Adam(fused=True)</c> and <c>SGD(fused=True)</c> run), each one pass over
/// values, gradients and state, split across libtorch's threads.</summary>
/// <remarks>
/// <para>Why: the same Adam update as tensor operations is seven passes over the parameters; on the 784-400-20 VAE
/// (650,000 values) that moved 47 MB a step against 18 MB, and in the slow state of our shared two-core machine the
/// plain passes took 1.5 ms a step instead of 0.35 ms. The plain operations of <see cref="Adam"/> and <see cref="Sgd"/>
/// remain the reference, and the tests hold these kernels to them.</para>
/// <para>TorchSharp binds no fused optimiser operator, so each is called through a TorchScript function compiled once
/// per process. The operators read the step count from a tensor, as PyTorch keeps it.</para>
/// </remarks>
internal static class FusedCpuKernels
{
    // One statement per line and a final line break: without it TorchScript's parser (libtorch 2.10) fails an assertion.
    private const string Source = """
        def adam(values: List[Tensor], gradients: List[Tensor], first: List[Tensor], second: List[Tensor], steps: List[Tensor], lr: float, beta1: float, beta2: float, weight_decay: float, eps: float):
            torch._fused_adam_(values, gradients, first, second, [], steps, lr=lr, beta1=beta1, beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False, maximize=False)
        def adamw(values: List[Tensor], gradients: List[Tensor], first: List[Tensor], second: List[Tensor], steps: List[Tensor], lr: float, beta1: float, beta2: float, weight_decay: float, eps: float):
            torch._fused_adamw_(values, gradients, first, second, [], steps, lr=lr, beta1=beta1, beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False, maximize=False)
        def sgd(values: List[Tensor], gradients: List[Tensor], buffers: List[Tensor], weight_decay: float, momentum: float, lr: float, nesterov: bool, first_step: bool):
            torch._fused_sgd_(values, gradients, buffers, weight_decay=weight_decay, momentum=momentum, lr=lr, dampening=0.0, nesterov=nesterov, maximize=False, is_first_step=first_step)

        """;

    private static readonly Lazy<jit.CompilationUnit> Unit = new(() => jit.compile(Source + "\n"));

    /// <summary>Whether the kernels can update these values: contiguous float32 or float64 on the CPU.</summary>
    public static bool Handles(Tensor values) =>
        values.device_type == DeviceType.CPU && values.is_contiguous() && values.dtype is ScalarType.Float32 or ScalarType.Float64;

    /// <summary>Adam or AdamW step <paramref name="step"/> (counted from 1).</summary>
    public static void Adam(bool decoupled, Tensor values, Tensor gradients, Tensor first, Tensor second, long step,
        double learningRate, double beta1, double beta2, double weightDecay, double epsilon)
    {
        using var steps = full(1, step, dtype: values.dtype);
        using var scalars = new Scalars(learningRate, beta1, beta2, weightDecay, epsilon);
        Unit.Value.invoke(decoupled ? "adamw" : "adam", [new[] { values }, new[] { gradients }, new[] { first }, new[] { second },
            new[] { steps }, .. scalars.Values]);
    }

    /// <summary>SGD with (or without: <paramref name="buffer"/> null) momentum.</summary>
    public static void Sgd(Tensor values, Tensor gradients, Tensor? buffer, double learningRate, double momentum, double weightDecay,
        bool nesterov, bool firstStep)
    {
        using var scalars = new Scalars(weightDecay, momentum, learningRate);
        Unit.Value.invoke("sgd", [new[] { values }, new[] { gradients }, buffer is null ? Array.Empty<Tensor>() : new[] { buffer },
            .. scalars.Values, nesterov, firstStep]);
    }

    /// <summary>The call's numbers as Scalars that this side owns until the call has returned.</summary>
    /// <remarks>Passed as plain doubles, TorchSharp (0.107) wraps each in a temporary Scalar and hands on only its native
    /// handle; nothing keeps the temporary alive, so a garbage collection during the call can finalise it and free the
    /// value before the kernel reads it (a run failed so after 22,947 Adam steps; FusedKernelArgumentTests).</remarks>
    private sealed class Scalars(params double[] numbers) : IDisposable
    {
        public Scalar[] Values { get; } = numbers.Select(number => number.ToScalar()).ToArray();

        public void Dispose()
        {
            foreach (var value in Values)
                value.Dispose();
        }
    }
}
