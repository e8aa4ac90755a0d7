using System.Runtime.CompilerServices;

// TestRun seeds libtorch's global generator before it builds a model, as the host does (TorchSharp's layers initialise
// from it): tests that ran beside each other would draw from one another's stream.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Framework.Plugins.Gan.Tests;

internal static class TestThreads
{
    /// <summary>The tests' tensors are tiny: one libtorch thread computes them fastest, and on a shared CI machine no
    /// OpenMP worker spins waiting for a core that another process holds.</summary>
    [ModuleInitializer]
    internal static void OneLibTorchThread() => TorchSharp.torch.set_num_threads(1);
}
