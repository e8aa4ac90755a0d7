namespace Framework.Contracts.Data;

/// <summary>How the host renders an example as a picture in sample grids.</summary>
public enum SampleLayout
{
    /// <summary>A grey or colour image: the last two dimensions are height and width (or a square vector).</summary>
    Image,

    /// <summary>A spin lattice: rendered like an image with -1 black and +1 white.</summary>
    Lattice,

    /// <summary>Not a picture: samples are saved as a tensor file only.</summary>
    Vector,
}
