namespace Framework.Plugins.Vae.Rendering;

/// <summary>Distinct colours for classes and series: matplotlib's "tab10", which readers of ML papers know.</summary>
internal static class Palette
{
    private static readonly Rgb[] Colours =
    [
        Rgb.FromHex(0x1F77B4), Rgb.FromHex(0xFF7F0E), Rgb.FromHex(0x2CA02C), Rgb.FromHex(0xD62728), Rgb.FromHex(0x9467BD),
        Rgb.FromHex(0x8C564B), Rgb.FromHex(0xE377C2), Rgb.FromHex(0x7F7F7F), Rgb.FromHex(0xBCBD22), Rgb.FromHex(0x17BECF),
    ];

    /// <summary>The colour of class or series <paramref name="index"/>; colours repeat after ten.</summary>
    public static Rgb Colour(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
