namespace Framework.Host.Sweeps.Summary;

/// <summary>A colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Black { get; } = new(0, 0, 0);

    public static Rgb Grey { get; } = new(150, 150, 150);

    public static Rgb LightGrey { get; } = new(225, 225, 225);

    public static Rgb Blue { get; } = new(31, 119, 180);

    public static Rgb Red { get; } = new(214, 39, 40);
}
