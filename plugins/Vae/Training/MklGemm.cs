using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>Single-precision matrix products on row-major buffers through the BLAS inside libtorch's CPU library
/// (Intel MKL's <c>sgemm_</c>), called on whichever thread asks, with no libtorch dispatch around it.</summary>
/// <remarks>Why: <see cref="RowSplitMlpStep"/> runs one product on each of two threads at once, each over its own rows.
/// libtorch's matrix product would split each of them across its own thread pool again. MKL runs single-threaded while
/// libtorch's thread count is 1 (<see cref="RowSplitMlpStep"/> sets it for the step; MKL's per-thread setting alone was
/// ignored for some shapes).</remarks>
internal static unsafe class MklGemm
{
    private static readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void> s_sgemm = Resolve();

    /// <summary>Whether this process's libtorch exports the routine (x64 Linux builds with MKL do).</summary>
    public static bool IsAvailable => s_sgemm is not null;

    /// <summary>C[m×n] = op(A)[m×k] · op(B)[k×n] on row-major buffers with leading dimensions lda, ldb, ldc; C is overwritten.</summary>
    public static void Multiply(bool transposeA, bool transposeB, int m, int n, int k, float* a, int lda, float* b, int ldb, float* c, int ldc)
    {
        if (s_sgemm is null)
            throw new PlatformNotSupportedException("libtorch's CPU library exports no sgemm_ here.");
        // Row-major C = op(A) op(B) is column-major Cᵀ = op(B)ᵀ op(A)ᵀ: swap the operands, keep each one's flag.
        byte ta = transposeB ? (byte)'T' : (byte)'N', tb = transposeA ? (byte)'T' : (byte)'N';
        float one = 1, zero = 0;
        s_sgemm(&ta, &tb, &n, &m, &k, &one, b, &ldb, a, &lda, &zero, c, &ldc);
    }

    private static delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void> Resolve()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return null;
        using (zeros(1)) { }  // makes sure TorchSharp has loaded libtorch
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(TorchSharp.torch).Assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories, out var library)
            || !NativeLibrary.TryGetExport(library, "sgemm_", out var address))
            return null;
        return (delegate* unmanaged<byte*, byte*, int*, int*, int*, float*, float*, int*, float*, int*, float*, float*, int*, void>)address;
    }
}
