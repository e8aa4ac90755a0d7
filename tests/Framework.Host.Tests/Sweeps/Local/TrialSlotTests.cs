using Framework.Host.Sweeps.Local;

namespace Framework.Host.Tests.Sweeps.Local;

public sealed class TrialSlotTests
{
    [Fact]
    public void OnCpuTrialsRunOneAtATimeWithEveryCoreByDefault()
    {
        var slot = Assert.Single(TrialSlot.Plan(parallel: 0, cudaDevices: 0, cores: 16));

        Assert.Equal((null, 16), (slot.CudaDevice, slot.Threads));
        Assert.False(slot.Environment("auto").ContainsKey("CUDA_VISIBLE_DEVICES"));
        Assert.Equal("16", slot.Environment("auto")["DOTNET_PROCESSOR_COUNT"]);
    }

    [Fact]
    public void ParallelTrialsOnCpuShareTheCores()
    {
        var slots = TrialSlot.Plan(parallel: 3, cudaDevices: 0, cores: 16);

        Assert.Equal([5, 5, 5], slots.Select(s => s.Threads));
    }

    [Fact]
    public void WithCudaDevicesEachTrialIsPinnedToOneByDefault()
    {
        var slots = TrialSlot.Plan(parallel: 0, cudaDevices: 4, cores: 32);

        Assert.Equal([0, 1, 2, 3], slots.Select(s => s.CudaDevice!.Value));
        Assert.Equal("2", slots[2].Environment("auto")["CUDA_VISIBLE_DEVICES"]);
        Assert.Equal("2", slots[2].Environment("cuda")["CUDA_VISIBLE_DEVICES"]);
        Assert.False(slots[2].Environment("cuda:1").ContainsKey("CUDA_VISIBLE_DEVICES"), "a trial that names its device keeps it");
        Assert.False(slots[2].Environment("cpu").ContainsKey("CUDA_VISIBLE_DEVICES"));
    }

    [Fact]
    public void MoreSlotsThanDevicesShareTheDevicesInTurn()
    {
        var slots = TrialSlot.Plan(parallel: 5, cudaDevices: 2, cores: 10);

        Assert.Equal([0, 1, 0, 1, 0], slots.Select(s => s.CudaDevice!.Value));
    }
}
