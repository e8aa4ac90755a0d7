namespace Framework.Host.Experiments.Yaml;

/// <summary>A YAML mapping whose entries keep the order they were written in.</summary>
/// <param name="location">Where it starts.</param>
internal sealed class ConfigMapping(SourceLocation location) : ConfigNode(location)
{
    private readonly List<ConfigEntry> _entries = [];

    /// <summary>The entries in order.</summary>
    public IReadOnlyList<ConfigEntry> Entries => _entries;

    /// <summary>Finds an entry by its exact key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The entry, or null.</returns>
    public ConfigEntry? Find(string key) => _entries.Find(e => e.Name == key);

    /// <summary>Adds an entry at the end; callers check for duplicates first.</summary>
    /// <param name="entry">The entry.</param>
    public void Add(ConfigEntry entry) => _entries.Add(entry);

    /// <summary>Replaces the entry with the same key in place (keeping its position in the order), or adds it.</summary>
    /// <param name="entry">The entry.</param>
    public void Set(ConfigEntry entry)
    {
        var index = _entries.FindIndex(e => e.Name == entry.Name);
        if (index < 0)
            _entries.Add(entry);
        else
            _entries[index] = entry;
    }

    /// <summary>Removes an entry.</summary>
    /// <param name="key">Its key.</param>
    /// <returns>The removed entry, or null.</returns>
    public ConfigEntry? Remove(string key)
    {
        var entry = Find(key);
        if (entry is not null)
            _entries.Remove(entry);
        return entry;
    }

    /// <summary>Removes every entry except <paramref name="key"/>.</summary>
    /// <param name="key">The key to keep.</param>
    public void RemoveAllExcept(string key) => _entries.RemoveAll(e => e.Name != key);

    /// <inheritdoc />
    public override string Describe() => "a mapping";

    /// <inheritdoc />
    public override ConfigNode Clone()
    {
        var copy = new ConfigMapping(Location);
        foreach (var entry in _entries)
            copy.Add(new ConfigEntry(entry.Key, entry.Value.Clone()));
        return copy;
    }
}
