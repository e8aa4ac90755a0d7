using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace Framework.Host.Internal;

/// <summary>Writes a tensor as a NumPy .npy file (version 1.0, little-endian float32), readable by numpy.load.</summary>
internal static class NpyWriter
{
    public static byte[] Encode(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var data = tensor.detach().cpu().to(float32).contiguous();
        string shape = data.dim() == 1
            ? $"({data.shape[0]},)"
            : "(" + string.Join(", ", data.shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")";
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shape}, }}";
        // The magic, version and header length take 10 bytes; the header is padded with spaces to a multiple of 64.
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";

        using var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        output.Write(BitConverter.GetBytes((ushort)header.Length));
        output.Write(Encoding.ASCII.GetBytes(header));
        output.Write(data.bytes);
        return output.ToArray();
    }
}
