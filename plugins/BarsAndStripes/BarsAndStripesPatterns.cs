namespace Framework.Plugins.BarsAndStripes;

/// <summary>The support of the n-by-n bars-and-stripes distribution: every image whose rows are all constant
/// (stripes) or whose columns are all constant (bars).</summary>
internal static class BarsAndStripesPatterns
{
    /// <summary>The number of distinct patterns: 2^n of each orientation, less the blank and full images counted twice.</summary>
    public static int Count(int size) => (1 << (size + 1)) - 2;

    /// <summary>Every distinct pattern once, row-major, values 0 or 1.</summary>
    public static float[][] All(int size)
    {
        var patterns = new List<float[]>(Count(size));
        for (var mask = 0; mask < 1 << size; mask++)
            patterns.Add(Stripes(size, mask));
        // Bars with mask 0 or all ones equal the blank and full stripes already listed.
        for (var mask = 1; mask < (1 << size) - 1; mask++)
            patterns.Add(Bars(size, mask));
        return [.. patterns];
    }

    /// <summary>Whether a row-major image (any values; 0.5 and above read as 1) lies in the support.</summary>
    public static bool Contains(ReadOnlySpan<float> image, int size)
    {
        bool rowsConstant = true, columnsConstant = true;
        for (var r = 0; r < size; r++)
        for (var c = 0; c < size; c++)
        {
            var bit = image[r * size + c] >= 0.5f;
            rowsConstant &= bit == image[r * size] >= 0.5f;
            columnsConstant &= bit == image[c] >= 0.5f;
        }
        return rowsConstant || columnsConstant;
    }

    private static float[] Stripes(int size, int mask)
    {
        var image = new float[size * size];
        for (var r = 0; r < size; r++)
            if ((mask >> r & 1) == 1)
                Array.Fill(image, 1f, r * size, size);
        return image;
    }

    private static float[] Bars(int size, int mask)
    {
        var image = new float[size * size];
        for (var r = 0; r < size; r++)
        for (var c = 0; c < size; c++)
            image[r * size + c] = mask >> c & 1;
        return image;
    }
}
