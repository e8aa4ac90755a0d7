using static TorchSharp.torch;

namespace Framework.Plugins.Gan.Evaluation;

/// <summary>The mean Euclidean distance from each of some points to its nearest neighbour in a pool: small when every
/// sample lies near some test example (no garbage), and compared with the same distance of training examples (what a
/// perfect generator would give) it shows how far the samples are from the data.</summary>
internal static class NearestNeighbours
{
    /// <summary>Rows of <paramref name="queries"/> searched at once, to bound the distance matrix's memory.</summary>
    private const long Chunk = 1024;

    public static double MeanDistance(Tensor queries, Tensor pool)
    {
        using var scope = NewDisposeScope();
        var flatPool = pool.reshape(pool.shape[0], -1).to(float32);
        var flat = queries.reshape(queries.shape[0], -1).to(float32);
        var total = zeros(1, float64, queries.device);
        for (long start = 0; start < flat.shape[0]; start += Chunk)
        {
            var rows = flat.narrow(0, start, Math.Min(Chunk, flat.shape[0] - start));
            total.add_(cdist(rows, flatPool).min(1).values.to(float64).sum());
        }

        return total.item<double>() / flat.shape[0];
    }
}
