using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Framework.Plugins.Idx;

/// <summary>The <c>dataset</c> options of the <c>idx</c> plugin; YAML keys are the snake_case property names.</summary>
public sealed class IdxOptions
{
    [Description("Folder with the four IDX files. The default is where Debian's dataset-fashion-mnist package installs Fashion-MNIST.")]
    public string Directory { get; set; } = FashionMnist.DebianDirectory;

    [Description("Training images file in the folder; '.gz' is appended when only the gzipped file exists.")]
    public string TrainImages { get; set; } = "train-images-idx3-ubyte";

    [Description("Training labels file; empty for a dataset without labels.")]
    public string TrainLabels { get; set; } = "train-labels-idx1-ubyte";

    [Description("Test images file.")]
    public string TestImages { get; set; } = "t10k-images-idx3-ubyte";

    [Description("Test labels file; empty for a dataset without labels.")]
    public string TestLabels { get; set; } = "t10k-labels-idx1-ubyte";

    [Description("Use only the first this many training images; 0 uses all.")]
    [Range(0, int.MaxValue)]
    public int TrainLimit { get; set; }

    [Description("Use only the first this many test images; 0 uses all.")]
    [Range(0, int.MaxValue)]
    public int TestLimit { get; set; }

    [Description("Binarisation of the [0, 1] intensities: none, threshold (deterministic) or stochastic (drawn once from the run's seed).")]
    public Binarization Binarize { get; set; } = Binarization.None;

    [Description("Intensity above which a pixel becomes 1 when binarize is threshold.")]
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.5;

    [Description("Shape of one example: image gives [1, height, width] (for convolutions), flat gives [height * width].")]
    public ImageShape Shape { get; set; } = ImageShape.Image;

    [Description("Names of the label classes in label order (Fashion-MNIST's by default); empty for none, e.g. for MNIST digits.")]
    public string[] ClassNames { get; set; } = FashionMnist.ClassNames;

    [Description("Score every model's samples (and the training images, as the floor) by their Fréchet distance to the test set in the features of a small classifier trained once on the labelled training split and cached by the data's digest: samples/fd, data/fd, class_entropy, class_score. Needs label files.")]
    public bool SampleQuality { get; set; } = true;

    [Description("Training epochs of the sample-quality classifier.")]
    [Range(1, 100)]
    public int QualityClassifierEpochs { get; set; } = 3;
}
