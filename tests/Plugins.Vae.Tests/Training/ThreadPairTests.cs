using Framework.Plugins.Vae.Training;

namespace Framework.Plugins.Vae.Tests.Training;

/// <summary>The two threads of the row-split step: both run, barriers order them, and a failure on either side surfaces
/// on the caller without leaving the other waiting.</summary>
public sealed class ThreadPairTests
{
    [Fact]
    public void BothHalvesRunAndTheBarrierOrdersTheirPhases()
    {
        using var pair = new ThreadPair("test-pair");
        var written = new int[2];
        var seen = new int[2];
        for (var round = 1; round <= 50; round++)
        {
            pair.Run(t =>
            {
                written[t] = round;
                pair.Barrier(t);
                seen[t] = written[1 - t];  // after the barrier the other half's write is visible
                pair.Barrier(t);
            });
            Assert.Equal([round, round], seen);
        }
    }

    [Fact]
    public void AFailureOnTheWorkerSurfacesOnTheCallerAndThePairStaysUsable()
    {
        using var pair = new ThreadPair("test-pair");

        var error = Assert.Throws<InvalidOperationException>(() => pair.Run(t =>
        {
            if (t == 1)
                throw new FormatException("worker broke");
            pair.Barrier(t);  // would wait forever for the worker
        }));

        Assert.IsType<FormatException>(error.InnerException);
        var ran = 0;
        pair.Run(_ => Interlocked.Increment(ref ran));
        Assert.Equal(2, ran);
    }

    [Fact]
    public void AFailureOnTheCallerReleasesTheWorkerFromItsBarrier()
    {
        using var pair = new ThreadPair("test-pair");

        Assert.Throws<FormatException>(() => pair.Run(t =>
        {
            if (t == 0)
                throw new FormatException("caller broke");
            pair.Barrier(t);
        }));

        var ran = 0;
        pair.Run(_ => Interlocked.Increment(ref ran));
        Assert.Equal(2, ran);
    }
}
