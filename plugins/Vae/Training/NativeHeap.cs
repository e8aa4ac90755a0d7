using System.Runtime.InteropServices;

namespace Framework.Plugins.Vae.Training;

/// <summary>Hands free native heap memory back to the system every so many autograd training steps (glibc only).</summary>
/// <remarks>
/// libtorch allocates tensor storage 64-byte aligned through glibc's memalign, which splits small leading fragments
/// off each block; kept in glibc's per-thread caches, those fragments stop freed blocks from coalescing, so a training
/// loop that frees and reallocates the same 200 KB to 1.25 MB activations and gradients every step leaves a growing
/// trail of free but resident memory (about 100 MB per Fashion-MNIST epoch of the MLP VAE through autograd with two
/// threads). <c>malloc_trim</c> returns those pages to the system. It is not free (the trimmed pages fault in again:
/// about 0.25 ms per step of the MLP VAE when trimming every 50 steps), which is why the MLP trains through
/// <see cref="FusedMlpStep"/>, which allocates nothing large, and only the autograd path (convolutions, whose steps
/// take tens of milliseconds) trims, every 100 steps. It is harmless wherever glibc is the allocator and skipped
/// everywhere else. The host would be the better owner of this process-wide concern.
/// </remarks>
internal sealed class NativeHeap
{
    private const int StepsBetweenTrims = 100;
    private static bool s_unavailable = !OperatingSystem.IsLinux();
    private int _stepsSinceTrim;

    /// <summary>Counts a training step and trims when enough have passed.</summary>
    public void AfterStep()
    {
        if (++_stepsSinceTrim < StepsBetweenTrims)
            return;
        _stepsSinceTrim = 0;
        Trim();
    }

    /// <summary>Returns free heap pages to the system now (after an evaluation's large temporaries, say).</summary>
    public static void Trim()
    {
        if (s_unavailable)
            return;
        try
        {
            malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): nothing to trim this way.
            s_unavailable = true;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}
