using Framework.Search;

namespace Framework.Search.Tests;

// Expected values: SciPy 1.10 (Debian python3-scipy): scipy.special.erfc, scipy.special.log_ndtr, and the mass as
// log(Φ(b) − Φ(a)) from log_ndtr with log1p in the tails.
public class GaussianMassTests
{
    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028516)]
    [InlineData(3.0, 2.2090496998585445e-05)]
    [InlineData(10.0, 2.0884875837625446e-45)]
    [InlineData(-1.0, 1.8427007929497148)]
    public void Erfc_matches_scipy_to_a_few_ulp(double x, double expected) =>
        Assert.Equal(expected, GaussianMass.Erfc(x), expected * 1e-14);

    [Theory]
    [InlineData(-30.0, -454.32124395634327)]
    [InlineData(-10.0, -53.23128515051248)]
    [InlineData(-3.0, -6.60772622151035)]
    [InlineData(10.0, -7.619853024160473e-24)]
    public void Log_cdf_is_accurate_deep_in_both_tails(double x, double expected) =>
        Assert.Equal(expected, GaussianMass.LogCdf(x), Math.Abs(expected) * 1e-12);

    [Theory]
    [InlineData(-40, -39, -765.0831565643776)]
    [InlineData(39, 40, -765.0831565643776)]
    [InlineData(-1, 2, -0.20016629432446262)]
    [InlineData(-0.5, 0.5, -0.9599163336956222)]
    public void Log_mass_of_an_interval_is_accurate_where_the_plain_difference_is_zero(double a, double b, double expected) =>
        Assert.Equal(expected, GaussianMass.LogMass(a, b), Math.Abs(expected) * 1e-12);
}
