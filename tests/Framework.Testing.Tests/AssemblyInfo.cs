// The conformance checks seed libtorch's global generator before building a model, as the host does (TorchSharp's
// layers initialise from it): checks that ran beside each other would draw from one another's stream.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
