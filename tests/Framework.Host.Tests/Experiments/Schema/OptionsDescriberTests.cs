using Framework.Host.Experiments;
using Framework.Host.Experiments.Schema;
using Framework.Options;
using Framework.Host.Tests.Support;

namespace Framework.Host.Tests.Experiments.Schema;

public sealed class OptionsDescriberTests
{
    [Fact]
    public void EveryOptionIsOneAlignedLineWithTypeDefaultAllowedValuesAndDescription()
    {
        var text = OptionsDescriber.Describe(OptionsSchema.For<TestVaeOptions>());

        Assert.Equal(
            """
            KEY           TYPE              DEFAULT     ALLOWED              DESCRIPTION
            latent        integer           2           [1, 512]             Latent dimensions.
            decoder       choice            bernoulli   bernoulli, gaussian  Decoder likelihood.
            beta          number            1           [0, 100]             Weight of the KL term.
            hidden_sizes  list of integers  [512, 256]  each [1, 4096]       Hidden layer sizes.

            """.ReplaceLineEndings(),
            text);
    }

    [Fact]
    public void GroupMembersGetDottedKeysAndPatternsShowTheirMeaning()
    {
        var lines = OptionsDescriber.Describe(OptionsSchema.For<TrainingSettings>()).Split(Environment.NewLine);

        Assert.Contains(lines, l => l.StartsWith("optimizer.lr ", StringComparison.Ordinal) && l.Contains("(0, 10]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("device ", StringComparison.Ordinal) && l.Contains("allowed: auto, cpu, cuda, cuda:N", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("optimizer ", StringComparison.Ordinal) && l.Contains("group", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyStringsAndMapsAreShownExplicitly()
    {
        var lines = OptionsDescriber.Describe(OptionsSchema.For<TrackingSettings>()).Split(Environment.NewLine);

        Assert.StartsWith("uri             string          \"\"", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("tags            map of strings  {}", lines[4], StringComparison.Ordinal);
    }
}
