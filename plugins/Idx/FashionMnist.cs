namespace Framework.Plugins.Idx;

/// <summary>Facts about Fashion-MNIST, the default data of the plugin.</summary>
internal static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the IDX files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The label names in label order (Xiao, Rasul and Vollgraf 2017).</summary>
    public static string[] ClassNames =>
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
}
