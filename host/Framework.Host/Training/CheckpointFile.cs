using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>
/// The checkpoint format: a magic, a JSON header, the run generator's state, then named sections, each written by its
/// owner: the host's training services (optimisers, schedules, accumulated gradients, weight average), stateful loop
/// parts (early stopping) and the model's <see cref="Framework.Contracts.Models.IModel.SaveState"/>. Written to a
/// temporary file, flushed to disk and renamed over the old one, so a crash while writing never leaves a torn checkpoint.
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "FWCKPT02"u8.ToArray();
    private static readonly byte[] FirstMagic = "FWCKPT01"u8.ToArray();

    /// <summary>One named part of a checkpoint and how to write and read it.</summary>
    /// <param name="Name">The section's name, unique in the file.</param>
    /// <param name="Write">Writes the section.</param>
    /// <param name="Read">Reads what <paramref name="Write"/> wrote.</param>
    public sealed record Section(string Name, Action<BinaryWriter> Write, Action<BinaryReader> Read);

    public static void Write(string path, CheckpointHeader header, Generator generator, IReadOnlyList<Section> sections)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(header);
            writer.Write(json.Length);
            writer.Write(json);
            using (var state = generator.get_state())
            {
                byte[] bytes = state.bytes.ToArray();
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }

            writer.Write(sections.Count);
            foreach (var section in sections)
            {
                writer.Write(section.Name);
                // The length goes before the content, so a reader can tell a section that read too little or too much.
                long lengthAt = stream.Position;
                writer.Write(0L);
                section.Write(writer);
                writer.Flush();
                long end = stream.Position;
                stream.Position = lengthAt;
                writer.Write(end - lengthAt - sizeof(long));
                writer.Flush();
                stream.Position = end;
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads only the header (to check a resume before building anything).</summary>
    public static CheckpointHeader ReadHeader(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        return ReadHeader(reader, path);
    }

    /// <summary>Restores the generator and every section; the file must hold exactly the sections given.</summary>
    public static CheckpointHeader Restore(string path, Generator generator, IReadOnlyList<Section> sections)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var header = ReadHeader(reader, path);
        int stateLength = reader.ReadInt32();
        byte[] bytes = reader.ReadBytes(stateLength);
        using (var state = zeros(stateLength, dtype: ScalarType.Byte))
        {
            state.bytes = bytes;
            generator.set_state(state);
        }

        var expected = sections.ToDictionary(s => s.Name, StringComparer.Ordinal);
        int count = reader.ReadInt32();
        var found = new List<string>();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            long length = reader.ReadInt64();
            long start = stream.Position;
            if (!expected.TryGetValue(name, out var section))
                throw new InvalidDataException(
                    $"{path} holds a '{name}' section that this run does not expect (expected: {string.Join(", ", expected.Keys)}); it was written by a run configured otherwise.");
            section.Read(reader);
            if (stream.Position != start + length)
                throw new InvalidDataException($"{path}: the '{name}' section is {length} bytes but {stream.Position - start} were read; it was written by other code.");
            found.Add(name);
        }

        var missing = expected.Keys.Except(found).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"{path} has no {string.Join(", ", missing)} section; it was written by a run configured otherwise.");
        return header;
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        byte[] magic = reader.ReadBytes(Magic.Length);
        if (magic.AsSpan().SequenceEqual(FirstMagic))
            throw new InvalidDataException(
                $"{path} was written before optimisers moved to the host (contracts 2.0); this version cannot continue it. Start the run again.");
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a Framework checkpoint (wrong magic).");
        int length = reader.ReadInt32();
        return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadBytes(length))
               ?? throw new InvalidDataException($"{path} has an empty checkpoint header.");
    }
}
