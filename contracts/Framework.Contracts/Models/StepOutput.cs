using static TorchSharp.torch;

namespace Framework.Contracts.Models;

/// <summary>The scalar tensors a training step reports, read back to the CPU only when the host logs them.</summary>
/// <remarks>
/// Keeping results as tensors lets a GPU run ahead of the host: reading a value forces a device synchronisation, so
/// the host reads only every <c>log_every</c> steps. Tensors are owned by the step's dispose scope.
/// </remarks>
public sealed class StepOutput
{
    private readonly Dictionary<string, Tensor> _scalars = new(StringComparer.Ordinal);

    /// <summary>The metric name of the value that the host checks for NaN and infinities.</summary>
    public const string LossName = "train/loss";

    /// <summary>The scalars reported so far, by metric name.</summary>
    public IReadOnlyDictionary<string, Tensor> Scalars => _scalars;

    /// <summary>Adds a scalar (a one-element tensor), detached from the autograd graph.</summary>
    /// <param name="name">Metric name, such as <c>train/loss</c> or <c>train/recon_error</c>.</param>
    /// <param name="value">A tensor with exactly one element.</param>
    /// <returns>This instance, for chaining.</returns>
    public StepOutput Add(string name, Tensor value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (value.numel() != 1)
            throw new ArgumentException($"Metric '{name}' must be a scalar tensor, got shape [{string.Join(", ", value.shape)}].", nameof(value));
        _scalars[name] = value.detach();
        return this;
    }

    /// <summary>Creates an output holding the loss under <see cref="LossName"/>.</summary>
    /// <param name="loss">The scalar loss tensor.</param>
    /// <returns>A new output.</returns>
    public static StepOutput WithLoss(Tensor loss) => new StepOutput().Add(LossName, loss);
}
