using static TorchSharp.torch;

namespace Framework.Contracts.Training;

/// <summary>Where a model gets the optimisers of the groups it declared (<see cref="Models.IModelContext.Optimizers"/>).</summary>
/// <remarks>Since contracts 2.0. Call it while the model is being built, once per declared group; the host rejects a
/// group that was not declared, one created twice, a parameter registered twice, and a model that leaves a declared
/// group without parameters.</remarks>
public interface IOptimizerFactory
{
    /// <summary>Creates the optimiser of the group called <paramref name="group"/>.</summary>
    /// <param name="group">A name the plugin declared (<see cref="OptimizerGroup.DefaultName"/> for a single group).</param>
    /// <param name="parameters">The tensors the group updates: parameters with <c>requires_grad</c> for a gradient
    /// group, any float tensors for a closed-form one. The host moves them into its own buffers.</param>
    /// <returns>The group's optimiser, owned by the host.</returns>
    IOptimizer Create(string group, IEnumerable<Tensor> parameters);

    /// <summary>Creates the optimiser of a model's single group.</summary>
    /// <param name="parameters">Every tensor the model trains.</param>
    /// <returns>The group's optimiser, owned by the host.</returns>
    IOptimizer Create(IEnumerable<Tensor> parameters) => Create(OptimizerGroup.DefaultName, parameters);
}
