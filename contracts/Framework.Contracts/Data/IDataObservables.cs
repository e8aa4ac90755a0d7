using static TorchSharp.torch;

namespace Framework.Contracts.Data;

/// <summary>Physical observables that a dataset computes for its own examples and for model samples alike.</summary>
/// <remarks>
/// The host logs <c>data/&lt;name&gt;</c> once for the training data and <c>samples/&lt;name&gt;</c> for model
/// samples at every sampling point, so that a model can be judged by the physics it reproduces (Torlai and Melko 2016).
/// </remarks>
public interface IDataObservables
{
    /// <summary>Computes the observables of a set of examples.</summary>
    /// <param name="examples">Examples shaped like the dataset's, in its value range.</param>
    /// <returns>Observables keyed by metric suffix, such as <c>energy_per_spin</c> or <c>abs_magnetization</c>.</returns>
    IReadOnlyDictionary<string, double> Compute(Tensor examples);
}
