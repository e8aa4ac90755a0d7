using Framework.Contracts.Training;

namespace Framework.Contracts.Models;

/// <summary>Base class for model plugins with a typed options class.</summary>
/// <typeparam name="TOptions">The options class; see <see cref="IPlugin"/> for what it may contain.</typeparam>
/// <example>
/// <code>
/// public sealed class RbmPlugin : ModelPlugin&lt;RbmOptions&gt;
/// {
///     public override string Name =&gt; "rbm";
///     public override string Description =&gt; "Restricted Boltzmann machine trained by contrastive divergence.";
///     protected override IModel Create(RbmOptions options, IModelContext context) =&gt; new RbmModel(options, context);
/// }
/// </code>
/// </example>
public abstract class ModelPlugin<TOptions> : IModelPlugin where TOptions : class, new()
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public IModel Create(object options, IModelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options is not TOptions typed)
            throw new ArgumentException(
                $"Plugin '{Name}' expects options of type {typeof(TOptions).Name}, got {options?.GetType().Name ?? "null"}.",
                nameof(options));
        return Create(typed, context);
    }

    /// <inheritdoc />
    public IReadOnlyList<OptimizerGroup> OptimizerGroups(object options) =>
        options is TOptions typed ? DeclareOptimizers(typed) : throw new ArgumentException(
            $"Plugin '{Name}' expects options of type {typeof(TOptions).Name}, got {options?.GetType().Name ?? "null"}.", nameof(options));

    /// <summary>Creates the model from typed options.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="context">The run's device, generator, data and optimiser factory.</param>
    /// <returns>A new model.</returns>
    protected abstract IModel Create(TOptions options, IModelContext context);

    /// <summary>The optimiser groups a model with these options creates; one, <see cref="OptimizerGroup.Single"/>, unless
    /// overridden.</summary>
    /// <param name="options">The validated options.</param>
    /// <returns>The groups, with distinct names.</returns>
    protected virtual IReadOnlyList<OptimizerGroup> DeclareOptimizers(TOptions options) => [OptimizerGroup.Single];
}
