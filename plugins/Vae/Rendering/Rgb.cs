namespace Framework.Plugins.Vae.Rendering;

/// <summary>A colour with channels in [0, 1].</summary>
internal readonly record struct Rgb(float R, float G, float B)
{
    public static Rgb White { get; } = new(1, 1, 1);

    public static Rgb Black { get; } = new(0, 0, 0);

    public static Rgb Grey { get; } = new(0.6f, 0.6f, 0.6f);

    public static Rgb LightGrey { get; } = new(0.9f, 0.9f, 0.9f);

    public static Rgb FromHex(int rgb) => new(((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f);
}
