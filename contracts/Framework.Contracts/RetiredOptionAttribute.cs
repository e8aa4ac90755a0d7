namespace Framework.Contracts;

/// <summary>Names a key that an options class no longer has and what replaced it, so that an experiment file still
/// using it gets a one-line migration hint instead of "unknown key".</summary>
/// <remarks>Since contracts 2.0. Put it on the options class, once per retired key.</remarks>
/// <example>
/// <code>
/// [RetiredOption("lr_schedule", "training.schedule.name")]
/// public sealed class VaeOptions { ... }
/// </code>
/// </example>
/// <param name="key">The retired key as experiment files wrote it (snake_case).</param>
/// <param name="replacement">The key to write instead, as a dotted path (<c>training.schedule.name</c>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RetiredOptionAttribute(string key, string replacement) : Attribute
{
    /// <summary>The retired key.</summary>
    public string Key { get; } = key;

    /// <summary>The key that replaced it.</summary>
    public string Replacement { get; } = replacement;

    /// <summary>Anything else the migration needs, in one sentence (how values map, say), or null.</summary>
    public string? Note { get; init; }
}
