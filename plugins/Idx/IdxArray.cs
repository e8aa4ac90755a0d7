namespace Framework.Plugins.Idx;

/// <summary>The unsigned-byte payload of one IDX file, possibly cut to its first items.</summary>
/// <param name="Path">The file it was read from, for error messages.</param>
/// <param name="Dimensions">The dimensions; the first is the number of items actually read.</param>
/// <param name="Data">The items in row-major order, <c>Dimensions</c> multiplied together bytes long.</param>
/// <param name="DeclaredCount">The number of items the file holds, read or not.</param>
internal sealed record IdxArray(string Path, int[] Dimensions, byte[] Data, int DeclaredCount)
{
    /// <summary>The number of items (images or labels) read.</summary>
    public int Count => Dimensions[0];

    /// <summary>The dimensions of one item (<c>[28, 28]</c> for an image, empty for a label).</summary>
    public ReadOnlySpan<int> ItemDimensions => Dimensions.AsSpan(1);
}
