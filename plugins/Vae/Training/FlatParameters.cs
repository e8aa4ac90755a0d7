using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Objective;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>Every parameter of a model as a view into one contiguous buffer, and every gradient as a view into another.</summary>
/// <remarks>
/// <para>Why: an optimiser step over one flat buffer is eight tensor operations instead of eight per parameter, and
/// zeroing the gradients is one. Backward accumulates into the gradient views in place, so it allocates no
/// parameter-sized tensors that would have to be freed again (see <see cref="NativeHeap"/> for why that matters).</para>
/// <para>The layers keep working as before: their weights and biases are replaced by parameters that share storage
/// with the flat buffer, holding the same values.</para>
/// </remarks>
internal sealed class FlatParameters : IDisposable
{
    private FlatParameters(Tensor values, Tensor gradients, IReadOnlyList<Parameter> parameters)
    {
        Values = values;
        Gradients = gradients;
        Parameters = parameters;
    }

    /// <summary>All parameter values, concatenated.</summary>
    public Tensor Values { get; }

    /// <summary>All gradients, concatenated in the same order.</summary>
    public Tensor Gradients { get; }

    /// <summary>The parameters now installed in their modules, each a view of <see cref="Values"/>.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The number of values.</summary>
    public long Count => Values.shape[0];

    /// <summary>Moves every parameter of <paramref name="network"/> into a flat buffer.</summary>
    public static FlatParameters Adopt(VaeNetwork network) => Adopt(SlotsOf(network));

    /// <summary>Moves the parameters of <paramref name="slots"/> into a flat buffer, keeping their values.</summary>
    public static FlatParameters Adopt(IReadOnlyList<ParameterSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slots.Count == 0)
            throw new ArgumentException("There are no parameters to adopt.", nameof(slots));
        var device = slots[0].Current.device;
        var total = slots.Sum(s => s.Current.numel());
        using var noGrad = no_grad();
        var values = zeros(total, dtype: float32, device: device).DetachFromDisposeScope();
        var gradients = zeros(total, dtype: float32, device: device).DetachFromDisposeScope();
        var installed = new List<Parameter>(slots.Count);
        long offset = 0;
        foreach (var slot in slots)
        {
            var old = slot.Current;
            if (old.dtype != ScalarType.Float32)
                throw new ArgumentException($"Parameter {slot.Name} is {old.dtype}; the flat buffer holds float32.", nameof(slots));
            var size = old.numel();
            using var scope = NewDisposeScope();
            var view = values.narrow(0, offset, size).view(old.shape);
            view.copy_(old);
            var parameter = new Parameter(view, requires_grad: true);
            parameter.grad = gradients.narrow(0, offset, size).view(old.shape);
            parameter.DetachFromDisposeScope();
            slot.Replace(parameter);
            installed.Add(parameter);
            offset += size;
        }

        return new FlatParameters(values, gradients, installed);
    }

    /// <summary>Zeroes every gradient in one operation; backward then adds into the same storage.</summary>
    public void ZeroGradients() => Gradients.zero_();

    /// <summary>The parameter slots of the networks this plugin builds: layer weights and biases and a learned decoder variance.</summary>
    private static List<ParameterSlot> SlotsOf(VaeNetwork network)
    {
        var slots = new List<ParameterSlot>();
        foreach (var (name, module) in network.named_modules())
        {
            switch (module)
            {
                case Linear linear:
                    slots.Add(new($"{name}.weight", linear.weight!, p => linear.weight = p));
                    if (linear.bias is not null)
                        slots.Add(new($"{name}.bias", linear.bias, p => linear.bias = p));
                    break;
                case Convolution convolution:
                    slots.Add(new($"{name}.weight", convolution.weight!, p => convolution.weight = p));
                    if (convolution.bias is not null)
                        slots.Add(new($"{name}.bias", convolution.bias, p => convolution.bias = p));
                    break;
                case GaussianObservation { LogSigma: { } logSigma } gaussian:
                    slots.Add(new($"{name}.log_sigma", logSigma, p => gaussian.LogSigma = p));
                    break;
            }
        }

        var adopted = slots.Sum(s => s.Current.numel());
        var all = network.parameters().Sum(p => p.numel());
        if (adopted != all)
            throw new InvalidOperationException($"The network has {all} parameter values but only {adopted} belong to layers the flat buffer knows; add their owner to {nameof(FlatParameters)}.");
        return slots;
    }

    public void Dispose()
    {
        foreach (var parameter in Parameters)
            parameter.Dispose();
        Values.Dispose();
        Gradients.Dispose();
    }
}
