namespace Framework.Host.Tests.Support;

/// <summary>The VAE test plugin's decoder choice.</summary>
internal enum TestDecoderKind
{
    Bernoulli,
    Gaussian,
}
