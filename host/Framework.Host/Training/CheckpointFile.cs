using System.Text;
using System.Text.Json;
using Framework.Contracts.Models;
using static TorchSharp.torch;

namespace Framework.Host.Training;

/// <summary>
/// The checkpoint format: a magic, a JSON header, the run generator's state, then whatever the model's
/// <see cref="IModel.SaveState"/> writes. Written to a temporary file, flushed to disk and renamed over the old one,
/// so a crash while writing never leaves a torn checkpoint behind.
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "FWCKPT01"u8.ToArray();

    public static void Write(string path, CheckpointHeader header, Generator generator, IModel model)
    {
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
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
            model.SaveState(writer);
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

    /// <summary>Restores the generator and the model from a checkpoint.</summary>
    public static CheckpointHeader Restore(string path, Generator generator, IModel model)
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
        model.LoadState(reader);
        return header;
    }

    private static CheckpointHeader ReadHeader(BinaryReader reader, string path)
    {
        byte[] magic = reader.ReadBytes(Magic.Length);
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not a Framework checkpoint (wrong magic).");
        int length = reader.ReadInt32();
        return JsonSerializer.Deserialize<CheckpointHeader>(reader.ReadBytes(length))
               ?? throw new InvalidDataException($"{path} has an empty checkpoint header.");
    }
}
