using Framework.Contracts.Data;
using static TorchSharp.torch;

namespace Framework.Plugins.BarsAndStripes;

/// <summary>How well a set of images matches the bars-and-stripes distribution: the share that lies in the support,
/// and the share of the support's patterns that appear at least once.</summary>
internal sealed class SupportObservables(int size) : IDataObservables
{
    public IReadOnlyDictionary<string, double> Compute(Tensor examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var pixels = size * size;
        if (examples.numel() % pixels != 0)
            throw new ArgumentException($"Expected {size}x{size} images, got a tensor of shape [{string.Join(", ", examples.shape)}].", nameof(examples));
        var values = examples.detach().cpu().to(ScalarType.Float32).reshape(-1, pixels).data<float>().ToArray();
        var count = values.Length / pixels;
        var inSupport = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var image = values.AsSpan(i * pixels, pixels);
            if (!BarsAndStripesPatterns.Contains(image, size))
                continue;
            inSupport++;
            seen.Add(Key(image));
        }
        return new Dictionary<string, double>
        {
            ["support_fraction"] = count == 0 ? 0 : (double)inSupport / count,
            ["pattern_coverage"] = (double)seen.Count / BarsAndStripesPatterns.Count(size),
        };
    }

    private static string Key(ReadOnlySpan<float> image)
    {
        var chars = new char[image.Length];
        for (var i = 0; i < image.Length; i++)
            chars[i] = image[i] >= 0.5f ? '1' : '0';
        return new string(chars);
    }
}
