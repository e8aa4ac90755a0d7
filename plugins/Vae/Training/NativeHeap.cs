using System.Runtime.InteropServices;

namespace Framework.Plugins.Vae.Training;

/// <summary>Hands free native heap memory back to the system every so many training steps (glibc only).</summary>
/// <remarks>
/// libtorch allocates tensor storage 64-byte aligned through glibc's memalign, which splits small leading fragments
/// off each block; kept in glibc's per-thread caches, those fragments stop freed blocks from coalescing, so a training
/// loop that frees and reallocates the same 200 KB to 1.25 MB activations and gradients every step leaves a growing
/// trail of free but resident memory (about 100 MB per Fashion-MNIST epoch of the MLP VAE with two threads).
/// <c>malloc_trim</c> returns those pages to the system; every 100 steps it costs far less than a millisecond per
/// step and bounds the growth to what 100 steps leave behind. It is harmless anywhere glibc is the allocator and
/// skipped everywhere else. The host would be the better owner of this process-wide concern; until it takes it,
/// the model does it.
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
