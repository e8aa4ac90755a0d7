namespace Framework.Plugins.Idx;

/// <summary>The shape of one example in the dataset.</summary>
public enum ImageShape
{
    /// <summary><c>[1, height, width]</c>: one channel first, as convolutions expect.</summary>
    Image,

    /// <summary><c>[height * width]</c>: a vector, as fully connected models and RBMs expect.</summary>
    Flat,
}
