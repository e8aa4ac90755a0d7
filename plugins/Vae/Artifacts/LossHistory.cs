namespace Framework.Plugins.Vae.Artifacts;

/// <summary>The figures behind the loss-curve picture: one entry per evaluation, saved with the model so curves survive a resume.</summary>
internal sealed class LossHistory
{
    private readonly List<Entry> _entries = [];

    /// <summary>One evaluation: when, the mean training loss since the previous one, and the test figures.</summary>
    public readonly record struct Entry(double Epoch, double TrainLoss, double TestNegativeElbo, double TestNegativeIwae);

    public IReadOnlyList<Entry> Entries => _entries;

    public void Add(Entry entry)
    {
        // An evaluation repeated at the same point (e.g. after a resume) replaces the earlier one.
        _entries.RemoveAll(e => e.Epoch == entry.Epoch);
        _entries.Add(entry);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_entries.Count);
        foreach (var e in _entries)
        {
            writer.Write(e.Epoch);
            writer.Write(e.TrainLoss);
            writer.Write(e.TestNegativeElbo);
            writer.Write(e.TestNegativeIwae);
        }
    }

    public void Read(BinaryReader reader)
    {
        _entries.Clear();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
            _entries.Add(new Entry(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
    }
}
