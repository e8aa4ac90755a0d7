using Framework.Host.Sweeps;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Sweeps;

public sealed class TrialLockTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AHeldTrialLockIsRefusedToASecondHolderUntilItIsReleased()
    {
        string trial = Path.Combine(_folder.Path, "trials", "0003-abc");

        using (var first = TrialLock.TryAcquire(trial))
        {
            Assert.NotNull(first);
            Assert.Null(TrialLock.TryAcquire(trial));
        }

        using var again = TrialLock.TryAcquire(trial);
        Assert.NotNull(again);
    }
}
