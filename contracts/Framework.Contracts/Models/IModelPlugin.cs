using Framework.Contracts.Training;

namespace Framework.Contracts.Models;

/// <summary>A factory for one model family (<c>rbm</c>, <c>vae</c>, ...), registered by a plugin's Autofac module.</summary>
/// <remarks>
/// Implementations are stateless and thread-safe: the host may create several models from one factory. Most plugins
/// derive from <see cref="ModelPlugin{TOptions}"/> rather than implementing this interface directly.
/// </remarks>
public interface IModelPlugin : IPlugin
{
    /// <summary>Creates a model with its parameters and optimisers on <see cref="IModelContext.Device"/>.</summary>
    /// <param name="options">An instance of <see cref="IPlugin.OptionsType"/>, already validated by the host.</param>
    /// <param name="context">The device, generator, data and optimiser factory of the run.</param>
    /// <returns>A new model, owned (and disposed) by the host.</returns>
    IModel Create(object options, IModelContext context);

    /// <summary>The optimiser groups a model built from <paramref name="options"/> creates; the host checks the experiment
    /// file's <c>training.optimizer</c> and <c>training.optimizers</c> against them before anything runs.</summary>
    /// <remarks>Since contracts 2.0. One group, <see cref="OptimizerGroup.Single"/>, unless overridden.</remarks>
    /// <param name="options">An instance of <see cref="IPlugin.OptionsType"/>, already validated by the host.</param>
    /// <returns>The groups, with distinct names.</returns>
    IReadOnlyList<OptimizerGroup> OptimizerGroups(object options) => [OptimizerGroup.Single];
}
