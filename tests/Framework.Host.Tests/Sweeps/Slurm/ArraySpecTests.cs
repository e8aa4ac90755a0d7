using Framework.Host.Sweeps.Slurm;

namespace Framework.Host.Tests.Sweeps.Slurm;

public sealed class ArraySpecTests
{
    [Fact]
    public void IndicesAreWrittenAsRangesAndReadBackWithStepsAndThrottle()
    {
        Assert.Equal("0-3,5,7-9", ArraySpec.Compress([9, 0, 1, 2, 3, 5, 7, 8, 3]));
        Assert.Equal("4", ArraySpec.Compress([4]));
        Assert.Equal([0, 1, 2, 3, 5, 7, 9], ArraySpec.Expand("0-3,5,7-9:2%4"));
        Assert.Equal([4, 5, 6, 7], ArraySpec.Expand("[4-7%2]"));
    }

    [Fact]
    public void ASweepLargerThanMaxArraySizeIsSplitIntoArraysWhoseTaskIdsStayBelowIt()
    {
        var chunks = ArraySpec.Split(Enumerable.Range(0, 2500), maxArraySize: 1001);

        Assert.Equal([0, 1001, 2002], chunks.Select(c => c.Offset));
        Assert.Equal(2500, chunks.Sum(c => c.Indices.Count));
        Assert.Equal(["0-1000", "0-1000", "0-497"], chunks.Select(c => c.TaskSpec));
        Assert.All(chunks, c => Assert.All(c.Indices, i => Assert.InRange(i - c.Offset, 0, 1000)));
    }

    [Fact]
    public void AResumeOfScatteredTrialsKeepsThemInOneArrayWhenTheyFit()
    {
        var chunks = ArraySpec.Split([3, 17, 18, 40], maxArraySize: 1001);

        var chunk = Assert.Single(chunks);
        Assert.Equal(3, chunk.Offset);
        Assert.Equal("0,14-15,37", chunk.TaskSpec);
    }
}
