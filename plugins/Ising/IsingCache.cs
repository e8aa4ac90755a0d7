using System.Globalization;

namespace Framework.Plugins.Ising;

/// <summary>Stores generated configurations on disk, keyed by every option that changes them and the seed.</summary>
internal static class IsingCache
{
    private const string Magic = "framework.ising2d/1";

    public static string FileName(IsingOptions options, long seed) => string.Create(CultureInfo.InvariantCulture,
        $"ising2d_L{options.Size}_T{options.Temperature:0.######}_{options.Update.ToString().ToLowerInvariant()}" +
        $"_therm{options.ThermalizationSweeps}_decor{options.DecorrelationSweeps}_chains{options.Chains}" +
        $"_n{options.TrainSamples}+{options.TestSamples}_seed{seed}.bin");

    public static sbyte[]? TryRead(string path, int expectedValues)
    {
        if (!File.Exists(path))
            return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic || reader.ReadInt32() != expectedValues)
            return null;
        var bytes = reader.ReadBytes(expectedValues);
        return bytes.Length == expectedValues ? (sbyte[])(Array)bytes : null;
    }

    /// <summary>Writes to a temporary file first and renames it, so a crash never leaves a truncated cache entry.</summary>
    public static void Write(string path, sbyte[] spins)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(spins.Length);
            writer.Write((byte[])(Array)spins);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
