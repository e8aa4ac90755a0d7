using static TorchSharp.torch;

namespace Framework.Training.Optimization;

/// <summary>The parameters of one optimiser group that share a dtype and a device, moved into one contiguous buffer:
/// each parameter becomes a view of <see cref="Values"/>, its gradient a view of <see cref="Gradients"/>.</summary>
/// <remarks>
/// <para>Why: an update over one flat buffer is a handful of tensor operations (or one fused kernel) instead of that
/// many per parameter, zeroing the gradients is one operation, and backward accumulates into the gradient views in
/// place, so a step allocates no parameter-sized tensors (on the CPU those allocations fragmented glibc's heap: the VAE
/// grew by 2.8 MB a step under TorchSharp's own Adam). Kernels of a model's own can work on the flat layout
/// (<see cref="Framework.Contracts.Training.OptimizerBuffers"/>).</para>
/// <para>Parameters are moved with <c>set_</c>, which keeps each one the same tensor (its module still holds it)
/// with new storage; its values are copied first.</para>
/// </remarks>
internal sealed class ParameterBucket : IDisposable
{
    private readonly Member[] _members;

    private ParameterBucket(Tensor values, Tensor? gradients, Member[] members)
    {
        Values = values;
        Gradients = gradients;
        _members = members;
    }

    /// <summary>Every parameter's values, concatenated in registration order.</summary>
    public Tensor Values { get; }

    /// <summary>Their gradients in the same layout, or null for a closed-form group.</summary>
    public Tensor? Gradients { get; }

    /// <summary>The number of values.</summary>
    public long Count => Values.shape[0];

    /// <summary>The parameters as registered (now views of <see cref="Values"/>).</summary>
    public IEnumerable<Tensor> Parameters => _members.Select(m => m.Parameter);

    /// <summary>Moves <paramref name="parameters"/> into one bucket per dtype and device, in registration order.</summary>
    /// <param name="parameters">Distinct floating-point tensors.</param>
    /// <param name="withGradients">Whether to give each parameter a gradient view (gradient groups).</param>
    /// <returns>The buckets.</returns>
    public static IReadOnlyList<ParameterBucket> Adopt(IReadOnlyList<Tensor> parameters, bool withGradients)
    {
        return parameters
            .GroupBy(p => (p.dtype, p.device_type, p.device_index))
            .Select(g => Create(g.ToList(), withGradients))
            .ToList();
    }

    private static ParameterBucket Create(List<Tensor> parameters, bool withGradients)
    {
        var first = parameters[0];
        var total = parameters.Sum(p => p.numel());
        using var noGrad = no_grad();
        var values = zeros(total, dtype: first.dtype, device: first.device).DetachFromDisposeScope();
        var gradients = withGradients ? zeros(total, dtype: first.dtype, device: first.device).DetachFromDisposeScope() : null;
        var members = new Member[parameters.Count];
        long offset = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var count = parameter.numel();
            var shape = parameter.shape;
            using var scope = NewDisposeScope();
            var view = values.narrow(0, offset, count).view(shape);
            view.copy_(parameter);
            parameter.set_(view);
            Tensor? gradient = null;
            if (gradients is not null)
            {
                gradient = gradients.narrow(0, offset, count).view(shape).DetachFromDisposeScope();
                parameter.grad = gradient;
            }

            members[i] = new Member(parameter, offset, count, shape, gradient);
            offset += count;
        }

        return new ParameterBucket(values, gradients, members);
    }

    /// <summary>Zeroes every gradient in one operation.</summary>
    public void ZeroGradients() => Gradients?.zero_();

    /// <summary>Puts the gradient views back where something replaced them: <c>Module.zero_grad()</c> sets gradients to
    /// none (a missing gradient is zero: its view is cleared), and autograd then allocates new ones, which are copied into
    /// their views, as is a gradient assigned by hand.</summary>
    public void RepairGradientViews()
    {
        if (Gradients is null)
            return;
        using var noGrad = no_grad();
        foreach (var member in _members)
        {
            using var current = member.Parameter.grad;
            if (current is null)
            {
                member.Gradient!.zero_();
                member.Parameter.grad = member.Gradient;
            }
            else if (TensorAddress.Of(current) is { } address && address != TensorAddress.Of(member.Gradient!))
            {
                member.Gradient!.copy_(current);
                member.Parameter.grad = member.Gradient;
            }
        }
    }

    /// <summary>Whether <paramref name="tensor"/> is the memory of one of this bucket's parameters.</summary>
    public bool Holds(Tensor tensor) =>
        TensorAddress.Of(tensor) is { } address && _members.Any(m => TensorAddress.Of(m.Parameter) == address);

    public void Dispose()
    {
        foreach (var member in _members)
            member.Gradient?.Dispose();
        Values.Dispose();
        Gradients?.Dispose();
    }

    private sealed record Member(Tensor Parameter, long Offset, long Count, long[] Shape, Tensor? Gradient);
}
