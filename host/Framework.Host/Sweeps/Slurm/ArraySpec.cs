using System.Globalization;
using System.Text;

namespace Framework.Host.Sweeps.Slurm;

/// <summary>Slurm array index lists: writing them compactly, reading them back, and splitting at the cluster's MaxArraySize.</summary>
internal static class ArraySpec
{
    /// <summary>Sorted, distinct indices as ranges: <c>0-3,5,7-9</c>.</summary>
    public static string Compress(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (int i = 0; i < sorted.Count;)
        {
            int start = sorted[i], end = start;
            while (i + 1 < sorted.Count && sorted[i + 1] == end + 1)
                end = sorted[++i];
            i++;
            if (text.Length > 0)
                text.Append(',');
            text.Append(start.ToString(CultureInfo.InvariantCulture));
            if (end > start)
                text.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Reads an index list as Slurm prints it (<c>0-3,5,7-9:2%4</c>): ranges, steps and a throttle.</summary>
    public static IReadOnlyList<int> Expand(string spec)
    {
        var indices = new List<int>();
        string body = spec.Split('%')[0].Trim('[', ']');
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var stepParts = part.Split(':');
            int step = stepParts.Length > 1 ? int.Parse(stepParts[1], CultureInfo.InvariantCulture) : 1;
            var bounds = stepParts[0].Split('-');
            int start = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            int end = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : start;
            for (int i = start; i <= end; i += step)
                indices.Add(i);
        }

        return indices;
    }

    /// <summary>
    /// Splits trial indices into array jobs whose task ids all stay below <paramref name="maxArraySize"/> (Slurm
    /// refuses higher ones): each chunk starts at its first index and runs its indices as task ids from 0.
    /// </summary>
    public static IReadOnlyList<ArrayChunk> Split(IEnumerable<int> indices, int maxArraySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArraySize, 1);
        var chunks = new List<ArrayChunk>();
        List<int>? current = null;
        int offset = 0;
        foreach (int index in indices.Distinct().Order())
        {
            if (current is null || index - offset > maxArraySize - 1)
            {
                if (current is not null)
                    chunks.Add(new ArrayChunk(offset, current));
                current = [];
                offset = index;
            }

            current.Add(index);
        }

        if (current is not null)
            chunks.Add(new ArrayChunk(offset, current));
        return chunks;
    }
}
