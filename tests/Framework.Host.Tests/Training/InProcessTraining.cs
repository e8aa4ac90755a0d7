namespace Framework.Host.Tests.Training;

/// <summary>Tests that run the trainer in this process share libtorch's global generator (the trainer seeds it before it
/// builds a model, as the host process does): they run one at a time, never beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessTraining
{
    public const string Name = "In-process training";
}
