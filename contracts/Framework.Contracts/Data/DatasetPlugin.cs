namespace Framework.Contracts.Data;

/// <summary>Base class for dataset plugins with a typed options class.</summary>
/// <typeparam name="TOptions">The options class; see <see cref="IPlugin"/> for what it may contain.</typeparam>
public abstract class DatasetPlugin<TOptions> : IDatasetPlugin where TOptions : class, new()
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public Type OptionsType => typeof(TOptions);

    /// <inheritdoc />
    public Dataset Load(object options, IDatasetContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options is not TOptions typed)
            throw new ArgumentException(
                $"Dataset plugin '{Name}' expects options of type {typeof(TOptions).Name}, got {options?.GetType().Name ?? "null"}.",
                nameof(options));
        return Load(typed, context);
    }

    /// <summary>Loads or generates the data from typed options.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="context">Seeded generator, logger and cache folder.</param>
    /// <returns>The dataset.</returns>
    protected abstract Dataset Load(TOptions options, IDatasetContext context);
}
