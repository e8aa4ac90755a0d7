namespace FixtureDependency;

/// <summary>A type only this library has, so that loading its user needs the file.</summary>
public static class Greeting
{
    public static string Text => "fixture dependency loaded";
}
