// The conformance checks and TestRun seed libtorch's global generator before building a model, as the host does
// (TorchSharp's layers initialise from it): tests that ran beside each other would draw from one another's stream.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
