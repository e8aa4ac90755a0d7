using System.Runtime.Intrinsics;
using Framework.Contracts.Training;
using Framework.Plugins.Vae.Networks;
using Framework.Plugins.Vae.Objective;
using TorchSharp;
using static TorchSharp.torch;

namespace Framework.Plugins.Vae.Training;

/// <summary>The training step of <see cref="FusedMlpStep"/> for relu networks with a Bernoulli decoder on the CPU, with
/// its Adam update, on two threads that each own half of every layer's rows: their weights, biases, gradients and
/// moments, and their part of every activation.</summary>
/// <remarks>
/// <para>Why: libtorch splits every operation of a step between its two threads anew, so each activation, gradient
/// and parameter is written by one core and read or written by the other moments later, about forty times a step.
/// On our shared 2-core machine those transfers between the cores are at times almost three times slower than usual
/// (bench/probes/core-sharing.c: buffers that change owner every pass 46-50 instead of 134-139 GB/s, with fixed owners
/// 140-163 throughout), and then the step's memory-bound parts (the Adam pass, MKL zeroing its outputs) took 3 to 5
/// times as long and the whole step ran at 22,000 instead of 38,000 samples/s. Here a thread computes its rows of a
/// layer's output with one single-threaded product, its rows' weight gradient and its share of the gradient at the
/// layer's input, and updates its rows with Adam right there; the only data that cross between the cores are the
/// activations (each thread reads the other's half) and those shares of input gradients, which the owner of the rows
/// adds up. Measured: 34-42k samples/s in both states.</para>
/// <para>The small middle of the network (the reparameterisation, the KL and their gradients, a few thousand values)
/// runs on the calling thread alone. Adam's arithmetic is PyTorch's (see <see cref="AdamUpdate"/>), with the learning
/// rate and β1 of the host's schedules (<see cref="IOptimizer.TakeStep"/>) on the host's flat parameter, gradient and
/// moment buffers (<see cref="IOptimizer.Flat"/>); weight decay of either kind is applied. Gradient clipping and
/// accumulation need the whole gradient before any update, so with them, and for partial batches, the model trains
/// through <see cref="FusedMlpStep"/> and the host's own update.</para>
/// </remarks>
internal sealed unsafe class RowSplitMlpStep : ITrainingPath
{
    // libtorch's thread count is per thread (OpenMP's and MKL's local setting): 1 on the worker for good, 1 on the
    // calling thread during each step, so that every product runs on the thread that asked for it.
    private readonly ThreadPair _threads = new("vae-row-split-step", () => torch.set_num_threads(1));
    private readonly Action<int> _work;
    private readonly List<Tensor> _kept = [];
    private readonly Part[] _encoder, _decoder;  // hidden layers and the posterior head; hidden layers and the output layer
    private readonly int _batch, _features, _latent;
    private readonly float* _input, _epsilon, _statistics, _statisticsGradient, _sigma, _variance, _z, _output;
    private readonly float*[] _encoderOutputs, _encoderGradients, _decoderOutputs, _decoderGradients;
    private readonly float*[][] _shares;  // [level parity][thread]: each thread's share of an input gradient
    private readonly double[] _reconstruction = new double[2];

    // The arguments of the step being run, for the two threads.
    private float* _examples, _noise;
    private float _scale, _betaScale;
    private double _kl;
    private AdamUpdate _adam;
    private int _savedThreads;  // the calling thread's libtorch thread count while the steps hold it at 1; 0 otherwise
    private readonly IOptimizer? _optimizer;

    private RowSplitMlpStep(DenseLayer[] encoder, DenseLayer[] decoder, OptimizerBuffers flat, IOptimizer? optimizer, int latent, int batch)
    {
        _optimizer = optimizer;
        _batch = batch;
        _latent = latent;
        _features = (int)decoder[^1].Width;
        var values = TensorMemory.Pointer(flat.Values);
        var gradients = TensorMemory.Pointer(flat.Gradients);
        var m = TensorMemory.Pointer(flat.State[FirstMoment]);
        var v = TensorMemory.Pointer(flat.State[SecondMoment]);
        Tensor Buffer(long rows) => Keep(zeros([rows, batch], dtype: float32));
        float* Pointer(long rows) => TensorMemory.Pointer(Buffer(rows));

        var input = Buffer(_features);
        var output = Buffer(_features);
        _input = TensorMemory.Pointer(input);
        _output = TensorMemory.Pointer(output);
        _epsilon = Pointer(latent);
        _statistics = Pointer(2L * latent);
        _statisticsGradient = Pointer(2L * latent);
        _sigma = Pointer(latent);
        _variance = Pointer(latent);
        _z = Pointer(latent);
        var widest = encoder.Concat(decoder).Max(l => l.Weight.shape[1]);
        _shares = [[Pointer(widest), Pointer(widest)], [Pointer(widest), Pointer(widest)]];

        // Hidden layers keep an output and a gradient buffer; the head writes the statistics, the output layer the logits.
        Part Hidden(DenseLayer layer, out float* outputs, out float* layerGradients)
        {
            var (o, g) = (Buffer(layer.Width), Buffer(layer.Width));
            outputs = TensorMemory.Pointer(o);
            layerGradients = TensorMemory.Pointer(g);
            return new Part(layer, values, gradients, m, v, o, g, null);
        }

        var hiddenCount = encoder.Length - 1;
        _encoder = new Part[encoder.Length];
        _decoder = new Part[decoder.Length];
        _encoderOutputs = new float*[hiddenCount];
        _encoderGradients = new float*[hiddenCount];
        _decoderOutputs = new float*[hiddenCount];
        _decoderGradients = new float*[hiddenCount];
        for (var i = 0; i < hiddenCount; i++)
        {
            _encoder[i] = Hidden(encoder[i], out _encoderOutputs[i], out _encoderGradients[i]);
            _decoder[i] = Hidden(decoder[i], out _decoderOutputs[i], out _decoderGradients[i]);
        }

        _encoder[^1] = new Part(encoder[^1], values, gradients, m, v, null, null, null);
        _decoder[^1] = new Part(decoder[^1], values, gradients, m, v, output, null, input);
        _work = Work;
    }

    private const string FirstMoment = "exp_avg", SecondMoment = "exp_avg_sq";

    /// <summary>Gives the calling thread back the libtorch thread count it had before the first step, before another
    /// training path runs (the host restores it itself before evaluation and sampling).</summary>
    public void ReleaseThreads()
    {
        if (_savedThreads == 0)
            return;
        torch.set_num_threads(_savedThreads);
        _savedThreads = 0;
    }

    /// <summary>The batch size the buffers hold; other batches take the general path.</summary>
    public int Batch => _batch;

    /// <summary>Whether the step covers this model and optimiser here: on the CPU, with libtorch set to two or more
    /// threads (a run set to one keeps to one), Adam or AdamW whose updates the model may apply itself, over one flat
    /// float32 buffer.</summary>
    public static bool Supports(VaeOptions options, IOptimizer optimizer, Device device) =>
        device.type == DeviceType.CPU && torch.get_num_threads() >= 2 && MklGemm.IsAvailable && FusedMlpStep.Supports(options, optimizer)
        && options.Activation == HiddenActivation.Relu && options.Likelihood == DecoderDistribution.Bernoulli
        && optimizer.Settings.Name is "adam" or "adamw" && optimizer.ModelMayApplyUpdates
        && optimizer.Flat is { Values.dtype: ScalarType.Float32 } flat && flat.State.ContainsKey(FirstMoment);

    /// <summary>Builds the step over the layers of <paramref name="network"/>, whose parameters, gradients and Adam moments
    /// are <paramref name="optimizer"/>'s flat buffers; as a training path it takes the optimiser's steps.</summary>
    public static RowSplitMlpStep Create(VaeNetwork network, VaeOptions options, IOptimizer optimizer, long batch) =>
        Create(network, options, optimizer.Flat!, optimizer, batch);

    /// <summary>Builds the step over given buffers, without an optimiser (tests call <see cref="Run"/> with their own update).</summary>
    internal static RowSplitMlpStep Create(VaeNetwork network, VaeOptions options, OptimizerBuffers flat, IOptimizer? optimizer, long batch)
    {
        var (encoder, decoder) = FusedMlpStep.LayersOf(network, options);
        return new RowSplitMlpStep(encoder, decoder, flat, optimizer, network.LatentDim, checked((int)batch));
    }

    public bool Handles(long batchSize) => batchSize == _batch;

    /// <summary>Counts the optimiser's step, takes its values and runs the gradient and the update in one pass.</summary>
    public (Tensor Reconstruction, Tensor Kl) Step(Tensor x, Tensor epsilon, double beta, double scale)
    {
        var step = (_optimizer ?? throw new InvalidOperationException("This row-split step was built without an optimiser.")).TakeStep();
        return Run(x.reshape(x.shape[0], -1).contiguous(), epsilon, beta, scale, AdamUpdate.For(step));
    }

    /// <summary>One step: the gradient of <c>scale·(reconstruction + β·KL)</c> for the batch and the update <paramref name="adam"/>.</summary>
    /// <param name="x">The batch, <c>[Batch, features]</c>, contiguous.</param>
    /// <param name="epsilon">The standard normal draw of the reparameterisation, <c>[Batch, latent]</c>, contiguous.</param>
    /// <returns>The reconstruction term and the KL, each summed over the batch.</returns>
    public (Tensor Reconstruction, Tensor Kl) Run(Tensor x, Tensor epsilon, double beta, double scale, AdamUpdate adam)
    {
        if (x.shape[0] != _batch || x.shape[1] != _features || !x.is_contiguous() || x.dtype != ScalarType.Float32
            || epsilon.shape[0] != _batch || epsilon.shape[1] != _latent || !epsilon.is_contiguous())
            throw new ArgumentException($"The row-split step takes a contiguous float32 batch of {_batch} x {_features} and noise of {_batch} x {_latent}.");
        _examples = TensorMemory.Pointer(x);
        _noise = TensorMemory.Pointer(epsilon);
        (_scale, _betaScale, _adam) = ((float)scale, (float)(beta * scale), adam);
        // MKL runs single-threaded on each of our two threads, for its own rows. The calling thread stays at one
        // libtorch thread between steps as well: every parallel operation it ran there would wake libtorch's own
        // worker, which then spins on the worker's core for milliseconds (perf: 37% of the samples, a third of the speed).
        if (_savedThreads == 0)
        {
            _savedThreads = torch.get_num_threads();
            torch.set_num_threads(1);
        }

        _threads.Run(_work);
        return (tensor(_reconstruction[0] + _reconstruction[1], float32), tensor(_kl, float32));
    }

    private void Work(int t)
    {
        var b = _batch;
        // Feature-major input: each thread transposes half of the features.
        var (f0, fn) = Half(_features, t);
        for (var r = 0; r < b; r++)
        {
            var source = _examples + (long)r * _features;
            for (var f = f0; f < f0 + fn; f++)
                _input[(long)f * b + r] = source[f];
        }

        _threads.Barrier(t);

        // Forward: encoder, posterior head.
        var input = _input;
        for (var i = 0; i < _encoder.Length - 1; i++)
        {
            _encoder[i].Forward(t, input, _encoderOutputs[i], b);
            FeatureMajorKernels.AddBiasRelu(_encoder[i].OutputRows[t], _encoder[i].BiasRows[t]);
            _threads.Barrier(t);
            input = _encoderOutputs[i];
        }

        var head = _encoder[^1];
        head.Forward(t, input, _statistics, b);
        head.AddBias(t, _statistics, b);
        _threads.Barrier(t);
        if (t == 0)
            Reparameterise();
        _threads.Barrier(t);

        // Forward: decoder, then the loss and its gradient on each thread's rows of the output.
        input = _z;
        for (var j = 0; j < _decoder.Length - 1; j++)
        {
            _decoder[j].Forward(t, input, _decoderOutputs[j], b);
            FeatureMajorKernels.AddBiasRelu(_decoder[j].OutputRows[t], _decoder[j].BiasRows[t]);
            _threads.Barrier(t);
            input = _decoderOutputs[j];
        }

        var output = _decoder[^1];
        output.Forward(t, input, _output, b);
        output.AddBias(t, _output, b);
        _reconstruction[t] = FeatureMajorKernels.BernoulliLoss(output.OutputRows[t], output.Targets![t], _scale, output.BiasGradientRows[t]);

        // Backward through the decoder: each layer's weight gradient and input-gradient share, then its Adam step.
        var level = 0;
        var gradient = _output;
        for (var j = _decoder.Length - 1; j >= 0; j--)
        {
            var layer = _decoder[j];
            var layerInput = j > 0 ? _decoderOutputs[j - 1] : _z;
            if (j < _decoder.Length - 1)
            {
                gradient = _decoderGradients[j];
                layer.SumShares(t, _shares[level % 2], gradient, b);
                FeatureMajorKernels.ReluBackward(layer.GradientRows![t], layer.OutputRows[t], layer.BiasGradientRows[t]);
            }

            layer.WeightGradient(t, gradient, layerInput, b);
            layer.Share(t, gradient, _shares[++level % 2][t], b);
            layer.Adam(t, _adam);
            _threads.Barrier(t);
        }

        // Through the reparameterisation and the KL, on the calling thread.
        if (t == 0)
            StatisticsGradient(_shares[level % 2]);
        _threads.Barrier(t);

        // Backward through the posterior head and the encoder.
        head.WeightGradient(t, _statisticsGradient, _encoder.Length > 1 ? _encoderOutputs[^1] : _input, b);
        head.BiasGradientFromRows(t, _statisticsGradient, b);
        if (_encoder.Length > 1)
            head.Share(t, _statisticsGradient, _shares[++level % 2][t], b);
        head.Adam(t, _adam);
        for (var i = _encoder.Length - 2; i >= 0; i--)
        {
            _threads.Barrier(t);
            var layer = _encoder[i];
            layer.SumShares(t, _shares[level % 2], _encoderGradients[i], b);
            FeatureMajorKernels.ReluBackward(layer.GradientRows![t], layer.OutputRows[t], layer.BiasGradientRows[t]);
            layer.WeightGradient(t, _encoderGradients[i], i > 0 ? _encoderOutputs[i - 1] : _input, b);
            if (i > 0)
                layer.Share(t, _encoderGradients[i], _shares[++level % 2][t], b);
            layer.Adam(t, _adam);
        }
    }

    /// <summary>σ = exp(½ log σ²), z = μ + σ·ε and the KL ½Σ(σ² + μ² − log σ² − 1), over the whole batch.</summary>
    private void Reparameterise()
    {
        var b = _batch;
        var count = (long)_latent * b;
        for (var r = 0; r < b; r++)
            for (var d = 0; d < _latent; d++)
                _epsilon[(long)d * b + r] = _noise[(long)r * _latent + d];
        var mean = _statistics;
        var logVariance = _statistics + count;
        var kl = 0.0;
        for (long k = 0; k < count; k++)
        {
            var sigma = MathF.Exp(0.5f * logVariance[k]);
            _sigma[k] = sigma;
            _variance[k] = sigma * sigma;
            _z[k] = mean[k] + _epsilon[k] * sigma;
            kl += _variance[k] + mean[k] * mean[k] - logVariance[k] - 1;
        }

        _kl = 0.5 * kl;
    }

    /// <summary>With h = μ + σ·ε, the gradient of β·KL + reconstruction reaches μ as ∂L/∂h + βμ and log σ² as
    /// ½(∂L/∂h·ε·σ + β(σ² − 1)); ∂L/∂h is the sum of the two threads' shares.</summary>
    private void StatisticsGradient(float*[] shares)
    {
        var count = (long)_latent * _batch;
        var mean = _statistics;
        for (long k = 0; k < count; k++)
        {
            var zGradient = shares[0][k] + shares[1][k];
            _statisticsGradient[k] = zGradient + _betaScale * mean[k];
            _statisticsGradient[count + k] = 0.5f * (zGradient * _epsilon[k] * _sigma[k] + _betaScale * (_variance[k] - 1));
        }
    }

    /// <summary>The first and the second half of <paramref name="count"/> rows.</summary>
    private static (int Start, int Count) Half(int count, int t) => t == 0 ? (0, count / 2) : (count / 2, count - count / 2);

    private Tensor Keep(Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        _kept.Add(tensor);
        return tensor;
    }

    public void Dispose()
    {
        ReleaseThreads();
        _threads.Dispose();
        foreach (var part in _encoder.Concat(_decoder))
            part.Dispose();
        foreach (var tensor in _kept)
            tensor.Dispose();
    }

    /// <summary>One layer's two halves: the rows each thread owns, with pointers to their weights, gradients and moments.</summary>
    private sealed class Part : IDisposable
    {
        private readonly DenseLayer _layer;
        private readonly int _outputs, _inputs;
        private readonly float* _weight, _bias, _weightGradient, _biasGradient;
        private readonly float* _weightFirst, _weightSecond, _biasFirst, _biasSecond;
        private readonly List<Tensor> _views = [];

        public Part(DenseLayer layer, float* values, float* gradients, float* first, float* second, Tensor? output, Tensor? gradient, Tensor? targets)
        {
            _layer = layer;
            _outputs = (int)layer.Weight.shape[0];
            _inputs = (int)layer.Weight.shape[1];
            var weightOffset = TensorMemory.Pointer(layer.Weight) - values;
            var biasOffset = TensorMemory.Pointer(layer.Bias) - values;
            if (TensorMemory.Pointer(layer.WeightGradient) - gradients != weightOffset || TensorMemory.Pointer(layer.BiasGradient) - gradients != biasOffset)
                throw new ArgumentException("The layer's gradients are not where the flat buffer puts them.");
            _weight = values + weightOffset;
            _bias = values + biasOffset;
            _weightGradient = gradients + weightOffset;
            _biasGradient = gradients + biasOffset;
            _weightFirst = first + weightOffset;
            _weightSecond = second + weightOffset;
            _biasFirst = first + biasOffset;
            _biasSecond = second + biasOffset;
            BiasRows = [View(layer.Bias, 0), View(layer.Bias, 1)];
            BiasGradientRows = [View(layer.BiasGradient, 0), View(layer.BiasGradient, 1)];
            OutputRows = output is null ? [] : [View(output, 0), View(output, 1)];
            GradientRows = gradient is null ? null : [View(gradient, 0), View(gradient, 1)];
            Targets = targets is null ? null : [View(targets, 0), View(targets, 1)];
        }

        /// <summary>Per thread: its rows of the layer's output buffer, of its gradient buffer, of the bias and its gradient
        /// (views for <see cref="FeatureMajorKernels"/>), and for the output layer its rows of the feature-major input.</summary>
        public Tensor[] OutputRows { get; }

        public Tensor[]? GradientRows { get; }

        public Tensor[] BiasRows { get; }

        public Tensor[] BiasGradientRows { get; }

        public Tensor[]? Targets { get; }

        /// <summary>output[rows] = W[rows] · input (feature-major, batch columns), without the bias.</summary>
        public void Forward(int t, float* input, float* output, int batch)
        {
            var (r0, rows) = Half(_outputs, t);
            MklGemm.Multiply(false, false, rows, batch, _inputs, _weight + (long)r0 * _inputs, _inputs, input, batch, output + (long)r0 * batch, batch);
        }

        /// <summary>Adds the bias to this thread's rows of <paramref name="output"/>.</summary>
        public void AddBias(int t, float* output, int batch)
        {
            var (r0, rows) = Half(_outputs, t);
            for (var r = r0; r < r0 + rows; r++)
            {
                var row = output + (long)r * batch;
                var bias = _bias[r];
                for (var c = 0; c < batch; c++)
                    row[c] += bias;
            }
        }

        /// <summary>dW[rows] = gradient[rows] · inputᵀ.</summary>
        public void WeightGradient(int t, float* gradient, float* input, int batch)
        {
            var (r0, rows) = Half(_outputs, t);
            MklGemm.Multiply(false, true, rows, _inputs, batch, gradient + (long)r0 * batch, batch, input, batch, _weightGradient + (long)r0 * _inputs, _inputs);
        }

        /// <summary>The bias gradient of this thread's rows as the row sums of <paramref name="gradient"/>.</summary>
        public void BiasGradientFromRows(int t, float* gradient, int batch)
        {
            var (r0, rows) = Half(_outputs, t);
            for (var r = r0; r < r0 + rows; r++)
            {
                var row = gradient + (long)r * batch;
                var sum = 0f;
                for (var c = 0; c < batch; c++)
                    sum += row[c];
                _biasGradient[r] = sum;
            }
        }

        /// <summary>This thread's share W[rows]ᵀ · gradient[rows] of the gradient at the layer's input.</summary>
        public void Share(int t, float* gradient, float* share, int batch)
        {
            var (r0, rows) = Half(_outputs, t);
            MklGemm.Multiply(true, false, _inputs, batch, rows, _weight + (long)r0 * _inputs, _inputs, gradient + (long)r0 * batch, batch, share, batch);
        }

        /// <summary>gradient[rows] = the sum of both threads' shares over this thread's rows of the layer's output.</summary>
        public void SumShares(int t, float*[] shares, float* gradient, int batch)
        {
            var (r0, rows) = Half(_outputs, t);
            var start = (long)r0 * batch;
            var count = (long)rows * batch;
            float* a = shares[0] + start, b = shares[1] + start, sum = gradient + start;
            long k = 0;
            for (; k + 8 <= count; k += 8)
                Vector256.Store(Vector256.Load(a + k) + Vector256.Load(b + k), sum + k);
            for (; k < count; k++)
                sum[k] = a[k] + b[k];
        }

        /// <summary>Adam on this thread's rows of the weight and of the bias.</summary>
        public void Adam(int t, AdamUpdate update)
        {
            var (r0, rows) = Half(_outputs, t);
            var w = (long)r0 * _inputs;
            update.Apply(_weight + w, _weightGradient + w, _weightFirst + w, _weightSecond + w, (long)rows * _inputs);
            update.Apply(_bias + r0, _biasGradient + r0, _biasFirst + r0, _biasSecond + r0, rows);
        }

        private Tensor View(Tensor whole, int t)
        {
            var (r0, rows) = Half((int)whole.shape[0], t);
            var view = whole.narrow(0, r0, rows).DetachFromDisposeScope();
            _views.Add(view);
            return view;
        }

        public void Dispose()
        {
            foreach (var view in _views)
                view.Dispose();
            _layer.Dispose();
        }
    }
}
