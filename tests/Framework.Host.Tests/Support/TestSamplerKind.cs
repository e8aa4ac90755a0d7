namespace Framework.Host.Tests.Support;

/// <summary>An enum option whose second member has two words (<c>parallel_tempering</c> in files).</summary>
internal enum TestSamplerKind
{
    Gibbs,
    ParallelTempering,
}
