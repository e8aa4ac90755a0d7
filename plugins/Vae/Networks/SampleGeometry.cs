namespace Framework.Plugins.Vae.Networks;

/// <summary>How one example's shape reads as an image: what convolutions and pictures need.</summary>
internal static class SampleGeometry
{
    /// <summary>The example as <c>[channels, height, width]</c>, or null when it is not an image.</summary>
    /// <param name="sampleShape"><c>[c, h, w]</c>, <c>[h, w]</c> (one channel) or <c>[d]</c> with d a square (one square channel).</param>
    public static long[]? AsImage(IReadOnlyList<long> sampleShape)
    {
        switch (sampleShape.Count)
        {
            case 3:
                return [sampleShape[0], sampleShape[1], sampleShape[2]];
            case 2:
                return [1, sampleShape[0], sampleShape[1]];
            case 1:
                var side = (long)Math.Round(Math.Sqrt(sampleShape[0]));
                return side * side == sampleShape[0] ? [1, side, side] : null;
            default:
                return null;
        }
    }

    /// <summary>The number of values in one example.</summary>
    public static long FeatureCount(IReadOnlyList<long> sampleShape) => sampleShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The shape as text, <c>[1, 28, 28]</c>, for messages.</summary>
    public static string Describe(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";
}
